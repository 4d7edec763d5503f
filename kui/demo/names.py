"""Synthetic Danish names and places for demo data (no real people)."""

MALE_FIRST_NAMES = [
    "Oliver", "Emil", "Noah", "William", "Lucas", "Victor", "Malthe", "Frederik", "Alfred", "Carl",
    "Magnus", "Mikkel", "Mathias", "Jonas", "Rasmus", "Sebastian", "Tobias", "Mads", "Ahmad", "Ali",
    "Omar", "Yusuf", "Kasper", "Nikolaj", "Benjamin", "Anton", "Elias", "Theo", "Storm", "Aksel",
]
FEMALE_FIRST_NAMES = [
    "Emma", "Ida", "Clara", "Freja", "Sofia", "Ella", "Alma", "Laura", "Mathilde", "Karla",
    "Josefine", "Ellen", "Sara", "Amalie", "Nanna", "Maja", "Cecilie", "Signe", "Fatima", "Amira",
    "Line", "Julie", "Sille", "Asta", "Agnes", "Liva", "Silke", "Naja", "Astrid", "Søs",
]
FIRST_NAMES = MALE_FIRST_NAMES + FEMALE_FIRST_NAMES
# Parents' generation, for the people on a youth's network map.
OLDER_MALE_FIRST_NAMES = ["Henrik", "Jens", "Michael", "Thomas", "Peter", "Lars", "Brian", "Kim", "Hassan", "Jan"]
OLDER_FEMALE_FIRST_NAMES = ["Hanne", "Susanne", "Mette", "Lene", "Pia", "Tina", "Camilla", "Leila", "Dorthe", "Bente"]
LAST_NAMES = [
    "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
    "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen",
    "Poulsen", "Johansen", "Møller", "Mortensen", "Østergaard", "Kjær", "Bæk", "Løvgren", "Ærø",
    "Hussein", "Yilmaz", "Ahmed", "Mikkelsen", "Frandsen", "Holm", "Damgaard", "Skov", "Bach",
]
STREETS = [
    "Østergade", "Vestergade", "Nørregade", "Søndergade", "Åboulevarden", "Skolevej", "Kirkevej",
    "Møllevej", "Industrivej", "Stationsvej", "Ærtebjergvej", "Bøgevej", "Egevej", "Havnegade",
]
CITIES = [
    ("2635", "Ishøj"), ("2605", "Brøndby"), ("4000", "Roskilde"), ("8700", "Horsens"),
    ("4930", "Maribo"), ("2650", "Hvidovre"), ("2620", "Albertslund"),
]
