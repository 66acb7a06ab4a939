import sys

from app.main import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # the frozen app renders large letter batches in workers
        import multiprocessing  # only there: loading it costs every command's start-up

        multiprocessing.freeze_support()
    raise SystemExit(main())
