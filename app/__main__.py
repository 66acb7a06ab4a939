import multiprocessing

from app.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the frozen app renders large letter batches in workers
    raise SystemExit(main())
