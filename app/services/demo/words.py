"""Word lists behind the demo dossier: names, real towns with their postcodes, usual wordings."""

from __future__ import annotations

SURNAMES = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert",
    "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc",
    "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément",
    "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez",
    "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier", "Roger",
    "Roche", "Roy", "Noël", "Meyer", "Lucas", "Meunier", "Jean", "Perez", "Marchand", "Dufour",
    "Blanchard", "Marie", "Barbier", "Brun", "Dumas", "Brunet", "Schmitt", "Leroux", "Colin",
    "Fernandez", "Pierre", "Renard", "Arnaud", "Rolland", "Caron", "Aubert", "Giraud", "Leclerc",
    "Vidal", "Bourgeois", "Renaud", "Lemoine", "Picard", "Gaillard", "Philippe", "Leclercq",
    "Lacroix", "Fabre", "Dupuis", "Olivier", "Rodriguez", "Da Silva", "Hubert", "Louis",
    "Charles", "Guillot", "Rivière", "Le Gall", "Guillaume", "Adam", "Rey", "Moulin", "Gonzalez",
    "Berger", "Lecomte", "Menard", "Fleury", "Deschamps", "Carpentier", "Julien", "Benoît",
    "Paris", "Maillard", "Marchal", "Aubry", "Vasseur", "Le Roux", "Renault", "Jacquet",
    "Collet", "Prévost", "Poirier", "Charpentier", "Royer", "Huet", "Baron", "Dupuy", "Pons",
    "Paul", "Laine", "Carré", "Breton", "Rémy", "Schneider", "Perrot", "Guyot", "Barre",
    "Marty", "Cousin", "Peeters", "Janssens", "Maes", "Jacobs", "Willems", "Claes", "Goossens",
    "Wouters",
)  # fmt: skip

FIRST_NAMES = (
    "Marie", "Jean", "Pierre", "Sophie", "Nathalie", "Isabelle", "Philippe", "Michel", "Claire",
    "Julien", "Nicolas", "Camille", "Léa", "Manon", "Thomas", "Lucas", "Hugo", "Chloé", "Emma",
    "Louis", "Sarah", "Céline", "Stéphane", "Sandrine", "Laurent", "Christophe", "Valérie",
    "Aurélie", "Olivier", "Élodie", "Antoine", "Mathilde", "Julie", "François", "Anne",
    "Catherine", "Patrick", "Sébastien", "Émilie", "Vincent", "Inès", "Karim", "Yasmine",
    "Mehdi", "Fatima", "Bruno", "Hélène", "Guillaume", "Caroline", "Benoît",
)  # fmt: skip

# (business name pattern, what the demo company invoices them for)
TRADES = (
    ("Boulangerie {surname}", "Maintenance du four et du pétrin"),
    ("Pâtisserie {surname}", "Entretien de la vitrine réfrigérée"),
    ("Boucherie {surname}", "Contrat d'entretien des chambres froides"),
    ("Garage {surname}", "Fourniture de pièces et main-d'œuvre"),
    ("Menuiserie {surname}", "Affûtage et réglage des machines"),
    ("Plomberie {surname} SARL", "Sous-traitance chantier"),
    ("Électricité {surname} SAS", "Mise en conformité électrique"),
    ("SARL {surname} Bâtiment", "Location de matériel de chantier"),
    ("{surname} et Fils SAS", "Prestation de transport"),
    ("Cabinet {surname}", "Maintenance informatique mensuelle"),
    ("Cabinet d'architecture {surname}", "Impression de plans grand format"),
    ("Cabinet dentaire {surname}", "Contrat de maintenance du matériel"),
    ("Expertise comptable {surname}", "Assistance informatique"),
    ("Agence {word}", "Création graphique"),
    ("Agence immobilière {surname}", "Reportage photo des biens"),
    ("Studio {word}", "Développement du site internet"),
    ("Pharmacie {place}", "Aménagement de l'officine"),
    ("Hôtel {place}", "Fourniture de linge et blanchisserie"),
    ("Restaurant {place}", "Maintenance de la cuisine professionnelle"),
    ("Brasserie {place}", "Entretien des tireuses à bière"),
    ("Transports {surname} SAS", "Entretien de la flotte"),
    ("Fleurs {surname}", "Livraison de compositions florales"),
    ("Imprimerie {surname}", "Fourniture de papier et consommables"),
    ("{surname} Conseil EURL", "Mission de conseil"),
    ("Auto-école {surname}", "Entretien des véhicules"),
    ("Librairie {place}", "Installation du logiciel de caisse"),
    ("Charpente {surname} SARL", "Fourniture de bois de charpente"),
    ("Traiteur {surname}", "Location de vaisselle"),
    ("Clinique vétérinaire {place}", "Maintenance du matériel de radiologie"),
    ("Ferme {surname} EARL", "Réparation de matériel agricole"),
    ("Salon de coiffure {first}", "Fourniture de produits"),
    ("SCI {surname}", "Travaux d'entretien de l'immeuble"),
    ("Caviste {surname}", "Aménagement de la cave"),
    ("Opticien {surname}", "Maintenance des appareils de mesure"),
)

CONSUMER_WORK = (
    "Dépannage à domicile",
    "Installation d'un chauffe-eau",
    "Réparation et pièces",
    "Entretien annuel de la chaudière",
    "Travaux de rénovation",
    "Pose de volets roulants",
)

WORDS = (
    "Horizon", "Pixel", "Azur", "Boréal", "Cap Ouest", "Lumen", "Atlas", "Nova", "Sillon",
    "Méridien", "Alizé", "Grand Angle", "Quartz", "Mistral", "Archipel", "Trait d'Union",
)  # fmt: skip

PLACES = (
    "du Centre", "des Halles", "du Port", "de la Gare", "du Marché", "Saint-Martin",
    "des Tilleuls", "de la Fontaine", "du Château", "des Arts", "de la Place", "du Lac",
    "Le Provençal", "La Belle Époque", "Les Platanes", "Le Vieux Moulin",
)  # fmt: skip

STREETS = (
    "rue de la République", "avenue Jean Jaurès", "boulevard Victor Hugo", "place du Marché",
    "rue Pasteur", "chemin des Vignes", "allée des Acacias", "rue du Général Leclerc",
    "impasse des Lilas", "rue Nationale", "avenue de la Libération", "rue des Écoles",
    "rue Gambetta", "quai des Bateliers", "rue de la Paix", "boulevard Carnot",
    "zone artisanale des Écoperies", "rue du Moulin", "avenue Foch", "rue Voltaire",
    "rue Émile Zola", "route de Paris", "rue du Four", "place de l'Église",
)  # fmt: skip

# (city, postcode, telephone area prefix)
FRENCH_CITIES = (
    ("Paris", "75011", "01"), ("Paris", "75015", "01"), ("Boulogne-Billancourt", "92100", "01"),
    ("Versailles", "78000", "01"), ("Montreuil", "93100", "01"), ("Lille", "59000", "03"),
    ("Amiens", "80000", "03"), ("Reims", "51100", "03"), ("Strasbourg", "67000", "03"),
    ("Metz", "57000", "03"), ("Nancy", "54000", "03"), ("Dijon", "21000", "03"),
    ("Besançon", "25000", "03"), ("Lyon", "69003", "04"), ("Lyon", "69007", "04"),
    ("Villeurbanne", "69100", "04"), ("Grenoble", "38000", "04"), ("Saint-Étienne", "42000", "04"),
    ("Annecy", "74000", "04"), ("Marseille", "13006", "04"), ("Aix-en-Provence", "13100", "04"),
    ("Toulon", "83000", "04"), ("Nice", "06000", "04"), ("Montpellier", "34000", "04"),
    ("Avignon", "84000", "04"), ("Clermont-Ferrand", "63000", "04"), ("Nîmes", "30000", "04"),
    ("Toulouse", "31000", "05"), ("Bordeaux", "33000", "05"), ("Pau", "64000", "05"),
    ("Bayonne", "64100", "05"), ("Limoges", "87000", "05"), ("Poitiers", "86000", "05"),
    ("La Rochelle", "17000", "05"), ("Perpignan", "66000", "04"), ("Nantes", "44000", "02"),
    ("Rennes", "35000", "02"), ("Brest", "29200", "02"), ("Angers", "49000", "02"),
    ("Le Mans", "72000", "02"), ("Tours", "37000", "02"), ("Orléans", "45000", "02"),
    ("Caen", "14000", "02"), ("Rouen", "76000", "02"), ("Le Havre", "76600", "02"),
    ("Vannes", "56000", "02"), ("Quimper", "29000", "02"), ("Saint-Malo", "35400", "02"),
)  # fmt: skip

BELGIAN_CITIES = (
    ("Bruxelles", "1000", "2"), ("Ixelles", "1050", "2"), ("Uccle", "1180", "2"),
    ("Liège", "4000", "4"), ("Namur", "5000", "81"), ("Charleroi", "6000", "71"),
    ("Mons", "7000", "65"), ("Wavre", "1300", "10"), ("Tournai", "7500", "69"),
    ("Louvain-la-Neuve", "1348", "10"),
)  # fmt: skip

CONSUMER_MAIL = ("gmail.com", "orange.fr", "free.fr", "laposte.net", "sfr.fr", "wanadoo.fr")
CONTACT_ROLES = ("Comptabilité", "Gérant", "Gérante", "Responsable administratif", "Assistante")

DISPUTE_REASONS = (
    "Quantités livrées contestées par le client",
    "Le client dit avoir déjà réglé cette facture",
    "Prestation jugée non conforme au devis",
    "Bon de commande manquant, facture à refaire",
    "Litige sur le prix unitaire appliqué",
    "Livraison incomplète selon le client",
)

CREDIT_NOTE_REASONS = (
    "Avoir : remise commerciale",
    "Avoir : retour de marchandise",
    "Avoir : erreur de facturation",
    "Avoir : geste commercial suite à réclamation",
)

# (method, weight for businesses, weight for consumers)
PAYMENT_METHODS = (
    ("Virement", 72, 35),
    ("Chèque", 12, 30),
    ("Carte bancaire", 5, 25),
    ("Prélèvement", 10, 5),
    ("Espèces", 1, 5),
)

# What the demo user wrote in the follow-up history.
DONE_NOTES = {
    "formal_notice": "Envoyée en recommandé avec accusé de réception",
    "collection": "Dossier transmis au cabinet de recouvrement",
}
SKIP_COURTESY = (
    "Client toujours ponctuel : pas de rappel avant échéance",
    "Règlement par prélèvement, rappel inutile",
)
SKIP_COLLECTION = (
    "Montant trop faible pour engager un recouvrement",
    "Petit montant : relance par téléphone plutôt que recouvrement",
)
SNOOZE_NOTES = (
    "Le client attend le règlement de son propre client",
    "Comptable absent, à relancer à son retour",
    "Virement annoncé par le client, on attend",
)
CALL_NOTES_BEFORE_DUE = (
    "Facture bien reçue, règlement prévu à l'échéance",
    "Facture reçue et validée par la comptabilité",
)
CALL_NOTES_GROUPED = (
    "Le client annonce un règlement groupé des factures",
    "Factures en cours de validation chez le client",
)
WRONG_CONTACT_NOTES = (
    "Numéro du standard, la comptabilité rappellera",
    "Interlocuteur parti, demander le nouveau contact",
)
PROMISE_NOTES = (
    "Virement promis par le gérant",
    "Le client s'engage à régler par chèque",
    "Paiement promis après encaissement d'un chantier",
    "La comptabilité confirme la mise en paiement",
)
DISPUTE_RESOLUTIONS = (
    "Bon de livraison signé transmis au client",
    "Explications données sur le prix, le client accepte",
    "Quantités vérifiées ensemble, la facture est due",
)
PLAN_NOTE = "Échéancier accordé par téléphone : {count} mensualités"
