"""Name, city and street pools per country, with script, transliteration and nickname variants."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

#: Countries the generator draws people from, with dialling code, national-number length
#: of mobiles, mobile prefixes and the share of the population drawn from each.
COUNTRIES: dict[str, tuple[str, int, tuple[str, ...], float]] = {
    "UA": ("380", 9, ("67", "68", "96", "97", "98", "50", "66", "95", "63", "73"), 0.20),
    "MD": ("373", 8, ("60", "68", "69", "78", "79"), 0.08),
    "RO": ("40", 9, ("72", "73", "74", "75", "76", "77"), 0.14),
    "BG": ("359", 9, ("87", "88", "89", "98"), 0.08),
    "RS": ("381", 9, ("60", "61", "62", "63", "64", "65", "66"), 0.07),
    "NG": ("234", 10, ("803", "806", "813", "816", "703", "706", "810", "814"), 0.08),
    "DE": ("49", 11, ("151", "152", "157", "160", "170", "171", "176"), 0.14),
    "NL": ("31", 9, ("61", "62", "63", "64", "65"), 0.07),
    "IT": ("39", 10, ("320", "328", "333", "338", "340", "347", "349"), 0.08),
    "GB": ("44", 10, ("74", "75", "77", "78", "79"), 0.06),
}

#: Countries whose people are written in Cyrillic by their own agencies.
CYRILLIC = frozenset({"UA", "BG", "RS"})

# Given names: "Latin|Cyrillic|other Latin spellings ;-separated|nicknames ;-separated".
# Order is by frequency: the generator gives earlier names more weight (Zipf).
_GIVEN_M = {
    "UA": """Oleksandr|Олександр|Aleksandr;Alexander;Olexandr|Sasha;Alex
Andriy|Андрій|Andrii;Andrey;Andrij|Andrew
Serhiy|Сергій|Sergiy;Sergey;Serhii|Serge
Volodymyr|Володимир|Vladimir;Wolodymyr|Volodya;Vova
Dmytro|Дмитро|Dmitry;Dmitriy;Dmytryi|Dima
Oleh|Олег|Oleg|
Mykola|Микола|Nikolai;Mykolai|Kolya
Ivan|Іван|Iwan|Vanya
Vasyl|Василь|Vasiliy;Vasyli|Vasya
Yuriy|Юрій|Yurii;Iurii;Yuri|Yura
Viktor|Віктор|Victor|Vitya
Taras|Тарас|Taras|
Bohdan|Богдан|Bogdan|Bodya
Maksym|Максим|Maksim;Maxim|Max
Roman|Роман|Roman|Roma
Ihor|Ігор|Igor|
Petro|Петро|Petr;Piotr|Petya
Yevhen|Євген|Evgen;Yevgeniy;Evgeny|Zhenya""",
    "MD": """Ion|Ion|Ioan|Ionel
Vasile|Vasile|Vasilie|Vasea
Andrei|Andrei|Andrey|
Sergiu|Sergiu|Serghei|
Alexandru|Alexandru|Aleksandru|Sandu
Nicolae|Nicolae|Nicolai|Nicu
Dumitru|Dumitru|Dmitri|Mitică
Victor|Victor|Viktor|
Igor|Igor|Ighor|
Vladimir|Vladimir|Vladimer|Vlad
Mihai|Mihai|Mihail|
Ghenadie|Ghenadie|Gennady|Ghena""",
    "RO": """Andrei|Andrei|Andrey|
Alexandru|Alexandru|Alexandr|Alex
Ionuț|Ionuț|Ionut|Ionut
Mihai|Mihai|Mihaj|
Ștefan|Ștefan|Stefan|Fane
Gheorghe|Gheorghe|Georghe;George|Gica
Constantin|Constantin|Konstantin|Costel
Florin|Florin|Florian|
Adrian|Adrian|Adrain|
Marius|Marius|Mariusz|
Cristian|Cristian|Kristian|Cristi
Daniel|Daniel|Danyel|Dani
Bogdan|Bogdan|Bohdan|
Cătălin|Cătălin|Catalin|""",
    "BG": """Georgi|Георги|Georgy;Gheorghi|Gosho
Ivan|Иван|Iwan|Vanyo
Dimitar|Димитър|Dimityr;Dimitr;Dimiter|Mitko
Nikolay|Николай|Nikolai;Nicolai|Kolyo
Petar|Петър|Petr;Peter|Pesho
Hristo|Христо|Khristo;Christo|Itso
Stoyan|Стоян|Stoian|
Todor|Тодор|Theodor|Tosho
Krasimir|Красимир|Krassimir|Krasi
Yordan|Йордан|Iordan;Jordan|Dancho
Plamen|Пламен|Plamen|
Aleksandar|Александър|Alexander;Aleksandr|Sasho""",
    "RS": """Nikola|Никола|Nicola|Dzoni
Marko|Марко|Marco|
Stefan|Стефан|Štefan|Stefi
Aleksandar|Александар|Alexandar;Aleksandr|Aca
Miloš|Милош|Milos;Milosh|Mile
Dragan|Драган|Dragan|Gaga
Nenad|Ненад|Nenad|Neša
Zoran|Зоран|Zoran|Zoki
Dejan|Дејан|Deyan|Dejo
Goran|Горан|Goran|Gogi
Vladimir|Владимир|Wladimir|Vlada
Milan|Милан|Milan|Mića""",
    "NG": """Chinedu|Chinedu|Chinedum|Nedu
Emeka|Emeka|Chukwuemeka|Meks
Oluwaseun|Oluwaseun|Oluseun|Seun
Ibrahim|Ibrahim|Ibraheem|Ibro
Tunde|Tunde|Babatunde|
Chukwudi|Chukwudi|Chukudi|Chudi
Musa|Musa|Moussa|
Obinna|Obinna|Obina|Obi
Adebayo|Adebayo|Adebayor|Bayo
Godwin|Godwin|Godwyn|
Samuel|Samuel|Samual|Sammy
Kelechi|Kelechi|Kelechukwu|Kc""",
    "DE": """Thomas|Thomas|Tomas|Tom
Michael|Michael|Micheal|Michi
Andreas|Andreas|Andres|Andi
Stefan|Stefan|Stephan|Steffi
Markus|Markus|Marcus|
Christian|Christian|Kristian|Chris
Daniel|Daniel|Danial|Dani
Jürgen|Jürgen|Juergen;Jurgen|
Klaus|Klaus|Claus|
Sebastian|Sebastian|Sebastien|Basti""",
    "NL": """Jan|Jan|Johannes|
Daan|Daan|Dan|
Pieter|Pieter|Peter|Piet
Sander|Sander|Alexander|
Thijs|Thijs|Tijs;Matthijs|
Bram|Bram|Abraham|
Ruben|Ruben|Reuben|
Joost|Joost|Just|""",
    "IT": """Giuseppe|Giuseppe|Guiseppe|Beppe
Marco|Marco|Marko|
Giovanni|Giovanni|Giovani|Gianni
Antonio|Antonio|Antonino|Toni
Luca|Luca|Luka|
Francesco|Francesco|Franceso|Checco
Alessandro|Alessandro|Alexandro|Ale
Salvatore|Salvatore|Salvator|Totò""",
    "GB": """James|James|Jamie|Jim
John|John|Jon|Johnny
David|David|Dave|Dave
Michael|Michael|Micheal|Mike
Paul|Paul|Pual|
Andrew|Andrew|Andy|Andy
Richard|Richard|Rich|Rick
Mark|Mark|Marc|""",
}

_GIVEN_F = {
    "UA": """Olena|Олена|Elena;Alena|Lena
Nataliya|Наталія|Natalia;Natalya;Nataliia|Natasha
Tetyana|Тетяна|Tetiana;Tatiana;Tatyana|Tanya
Iryna|Ірина|Irina;Iryna|Ira
Oksana|Оксана|Oxana|
Svitlana|Світлана|Svetlana;Svitlana|Sveta
Yuliya|Юлія|Yulia;Iuliia;Julia|Yulya
Anastasiya|Анастасія|Anastasia;Anastasiia|Nastya
Mariya|Марія|Maria;Mariia|Masha
Kateryna|Катерина|Ekaterina;Katerina;Kateryna|Katya
Hanna|Ганна|Ganna;Anna|Anya
Viktoriya|Вікторія|Viktoria;Victoria;Viktoriia|Vika
Alina|Аліна|Alina|
Daryna|Дарина|Darina|Dasha""",
    "MD": """Maria|Maria|Mariya|
Elena|Elena|Olena|Lena
Ana|Ana|Anna|
Tatiana|Tatiana|Tatyana|Tania
Natalia|Natalia|Natalya|Nata
Olga|Olga|Olha|
Cristina|Cristina|Kristina|Cris
Irina|Irina|Iryna|
Svetlana|Svetlana|Svitlana|Sveta
Ludmila|Ludmila|Lyudmila;Liudmila|Lucia""",
    "RO": """Maria|Maria|Marya|
Elena|Elena|Helena|Leni
Ioana|Ioana|Yoana|
Andreea|Andreea|Andrea|Deea
Alexandra|Alexandra|Aleksandra|Alex
Mihaela|Mihaela|Michaela|Miha
Cristina|Cristina|Kristina|Cristi
Ana|Ana|Anna|
Gabriela|Gabriela|Gabriella|Gabi
Florentina|Florentina|Florentyna|Flori""",
    "BG": """Maria|Мария|Mariya|Mimi
Ivanka|Иванка|Ivana|Ivi
Elena|Елена|Yelena|Eli
Yordanka|Йорданка|Iordanka;Jordanka|Danche
Desislava|Десислава|Dessislava|Desi
Tsvetelina|Цветелина|Cvetelina;Tzvetelina|Tsveti
Gergana|Гергана|Ghergana|Gery
Petya|Петя|Petia|
Nadezhda|Надежда|Nadejda;Nadezda|Nadya
Radka|Радка|Radca|""",
    "RS": """Milica|Милица|Militsa|Mica
Jelena|Јелена|Yelena;Elena|Jeca
Ana|Ана|Anna|Anči
Marija|Марија|Maria;Mariya|Maja
Jovana|Јована|Yovana|Joca
Dragana|Драгана|Dragana|Gaga
Ivana|Ивана|Iwana|Ivka
Snežana|Снежана|Snezana;Snezhana|Sneža""",
    "NG": """Blessing|Blessing|Blesing|
Chioma|Chioma|Chiamaka|Chi
Ngozi|Ngozi|Ngozie|Ngo
Aisha|Aisha|Aishat;Ayesha|
Funmilayo|Funmilayo|Funmi|Funmi
Precious|Precious|Precius|
Adaeze|Adaeze|Adaze|Ada
Joy|Joy|Joi|
Folake|Folake|Folakemi|
Esther|Esther|Ester|""",
    "DE": """Sabine|Sabine|Sabina|Bine
Anna|Anna|Ana|Anni
Julia|Julia|Giulia|Jule
Katharina|Katharina|Katarina;Catharina|Kathi
Stefanie|Stefanie|Stephanie|Steffi
Laura|Laura|Lara|""",
    "NL": """Emma|Emma|Ema|
Sanne|Sanne|Sana|
Lotte|Lotte|Charlotte|
Anouk|Anouk|Anuk|
Femke|Femke|Femka|""",
    "IT": """Giulia|Giulia|Julia|Giuli
Francesca|Francesca|Franceska|Fra
Chiara|Chiara|Kiara|
Sara|Sara|Sarah|
Martina|Martina|Martyna|Marti""",
    "GB": """Sarah|Sarah|Sara|
Emma|Emma|Ema|Em
Laura|Laura|Lora|
Rebecca|Rebecca|Rebeca|Becky
Jessica|Jessica|Jesica|Jess""",
}

# Surnames: "Latin|Cyrillic|other spellings". Female forms for BG (-ova/-eva) are derived.
_FAMILY = {
    "UA": """Melnyk|Мельник|Melnik;Melnick
Shevchenko|Шевченко|Schewtschenko;Shevchenco
Boyko|Бойко|Boiko
Kovalenko|Коваленко|Kowalenko;Kovalenco
Bondarenko|Бондаренко|Bondarenco
Tkachenko|Ткаченко|Tkatchenko
Kovalchuk|Ковальчук|Kovalchouk;Kowalczuk
Kravchenko|Кравченко|Krawczenko
Oliynyk|Олійник|Oliinyk;Oleinik
Shevchuk|Шевчук|Schewtschuk
Koval|Коваль|Kowal
Polishchuk|Поліщук|Polischuk;Polishuk
Bondar|Бондар|Bondarj
Tkachuk|Ткачук|Tkatchuk
Moroz|Мороз|Maroz
Marchenko|Марченко|Martchenko
Lysenko|Лисенко|Lisenko;Lysenco
Rudenko|Руденко|Rudenco
Savchenko|Савченко|Sawchenko
Petrenko|Петренко|Petrenco
Hrytsenko|Гриценко|Gritsenko;Hritsenko
Zhuk|Жук|Zuk
Pavlenko|Павленко|Pawlenko""",
    "MD": """Rusu|Rusu|Russu
Ceban|Ceban|Ciobanu;Cheban
Cebotari|Cebotari|Ciobotaru;Chebotari
Popa|Popa|Poppa
Țurcanu|Țurcanu|Turcanu;Tsurcanu
Lungu|Lungu|Lungo
Munteanu|Munteanu|Muntean
Rotari|Rotari|Rotaru
Botnari|Botnari|Botnaru
Sîrbu|Sîrbu|Sirbu;Sarbu
Cojocari|Cojocari|Cojocaru
Guțu|Guțu|Gutu""",
    "RO": """Popescu|Popescu|Popesku
Popa|Popa|Poppa
Pop|Pop|Popp
Radu|Radu|Raddu
Dumitru|Dumitru|Dumitrou
Stan|Stan|Stann
Stoica|Stoica|Stoika
Gheorghe|Gheorghe|Georghe
Matei|Matei|Matey
Ciobanu|Ciobanu|Cioban
Ionescu|Ionescu|Ionesco
Rusu|Rusu|Russu
Mihai|Mihai|Mihaj
Constantin|Constantin|Konstantin
Marin|Marin|Marinn
Dinu|Dinu|Dinou
Moldovan|Moldovan|Moldoveanu
Lungu|Lungu|Lungo
Munteanu|Munteanu|Muntean""",
    "BG": """Ivanov|Иванов|Ivanoff;Iwanow
Georgiev|Георгиев|Gheorghiev;Georgieff
Dimitrov|Димитров|Dimitroff
Petrov|Петров|Petroff
Nikolov|Николов|Nicolov
Hristov|Христов|Khristov;Christov
Stoyanov|Стоянов|Stoianov
Todorov|Тодоров|Todoroff
Iliev|Илиев|Iliyev
Atanasov|Атанасов|Athanasov
Angelov|Ангелов|Anghelov
Vasilev|Василев|Vassilev
Petkov|Петков|Petcov
Kolev|Колев|Kolew
Yordanov|Йорданов|Iordanov;Jordanov""",
    "RS": """Jovanović|Јовановић|Jovanovic;Jovanovich
Petrović|Петровић|Petrovic;Petrovich
Nikolić|Николић|Nikolic;Nikolich
Marković|Марковић|Markovic;Markovich
Đorđević|Ђорђевић|Djordjevic;Dordevic
Stojanović|Стојановић|Stojanovic
Ilić|Илић|Ilic;Ilich
Stanković|Станковић|Stankovic
Pavlović|Павловић|Pavlovic
Milošević|Милошевић|Milosevic
Popović|Поповић|Popovic
Živković|Живковић|Zivkovic;Zhivkovic
Todorović|Тодоровић|Todorovic""",
    "NG": """Okafor|Okafor|Okafo
Adeyemi|Adeyemi|Adeyemmi
Okonkwo|Okonkwo|Okonkow
Ibrahim|Ibrahim|Ibraheem
Eze|Eze|Ezeh
Mohammed|Mohammed|Muhammad;Mohammad
Bello|Bello|Belo
Nwosu|Nwosu|Nwosuh
Obi|Obi|Obih
Ogunleye|Ogunleye|Ogunleyi
Adebayo|Adebayo|Adebayor
Chukwu|Chukwu|Chukwuh
Abubakar|Abubakar|Aboubakar
Osagie|Osagie|Osagye
Igbinedion|Igbinedion|Igbinedon""",
    "DE": """Müller|Müller|Mueller;Muller
Schmidt|Schmidt|Schmitt;Schmid
Schneider|Schneider|Schnieder
Fischer|Fischer|Fisher
Weber|Weber|Webber
Meyer|Meyer|Meier;Maier
Wagner|Wagner|Wagener
Becker|Becker|Bekker
Schulz|Schulz|Schultz
Hoffmann|Hoffmann|Hofmann
Koch|Koch|Koh
Richter|Richter|Richtor""",
    "NL": """de Jong|de Jong|De Jong;Jong
Jansen|Jansen|Janssen
de Vries|de Vries|De Vries;Vries
van den Berg|van den Berg|Van den Berg;van der Berg
van Dijk|van Dijk|Van Dyk;van Dyke
Bakker|Bakker|Baker
Visser|Visser|Vissers
Smit|Smit|Smith
Meijer|Meijer|Meyer""",
    "IT": """Rossi|Rossi|Rosi
Russo|Russo|Ruso
Ferrari|Ferrari|Ferari
Esposito|Esposito|Exposito
Bianchi|Bianchi|Bianki
Romano|Romano|Romanò
Colombo|Colombo|Colombò
Ricci|Ricci|Rici
Marino|Marino|Marini
Greco|Greco|Grecco""",
    "GB": """Smith|Smith|Smyth
Jones|Jones|Jone
Williams|Williams|Willams
Taylor|Taylor|Tailor
Brown|Brown|Browne
Davies|Davies|Davis
Evans|Evans|Evens
Wilson|Wilson|Willson
Thomas|Thomas|Tomas
Johnson|Johnson|Jonson""",
}

# Long tails: stems x endings, so surname frequencies have a realistic head and tail.
_STEMS = [
    "bor",
    "dan",
    "hor",
    "kal",
    "lev",
    "mar",
    "nov",
    "ost",
    "pet",
    "rad",
    "sav",
    "tar",
    "vol",
    "zar",
    "kur",
    "lob",
    "mir",
    "sok",
    "bel",
    "chern",
    "dub",
    "grom",
    "hud",
    "kor",
    "lis",
    "pav",
    "rud",
    "sid",
    "tk",
    "zel",
    "bil",
    "kos",
    "mak",
    "nes",
    "pol",
    "rom",
]
_ENDINGS = {
    "UA": ("enko", "chuk", "yuk", "ets", "ak"),
    "MD": ("aru", "anu", "ari", "escu"),
    "RO": ("escu", "eanu", "aru", "ache"),
    "BG": ("ov", "ev", "anov", "ski"),
    "RS": ("ić", "ović", "ević", "ski"),
    "NG": (),
    "DE": ("mann", "er", "berg", "ner"),
    "NL": ("ink", "ma", "stra", "huis"),
    "IT": ("elli", "ini", "one", "etti"),
    "GB": ("son", "ley", "ton", "ford"),
}
_NG_TAIL = [
    "Ade",
    "Ola",
    "Chi",
    "Obi",
    "Nna",
    "Ike",
    "Uche",
    "Oke",
    "Ola",
    "Ayo",
    "Femi",
    "Kola",
    "Emeka",
    "Nze",
    "Udo",
    "Oyi",
    "Efe",
    "Edo",
    "Ose",
    "Ifeanyi",
]
_NG_TAIL_END = ("kunle", "wale", "dike", "chukwu", "nwa", "ebe", "mide", "yemi", "ola")

CITIES: dict[str, tuple[tuple[str, str, str], ...]] = {
    # (city in Latin, city in local script, postcode prefix)
    "UA": (
        ("Kyiv", "Київ", "0"),
        ("Odesa", "Одеса", "65"),
        ("Kharkiv", "Харків", "61"),
        ("Lviv", "Львів", "79"),
        ("Chernivtsi", "Чернівці", "58"),
        ("Dnipro", "Дніпро", "49"),
    ),
    "MD": (
        ("Chisinau", "Chișinău", "MD-20"),
        ("Balti", "Bălți", "MD-31"),
        ("Cahul", "Cahul", "MD-39"),
        ("Ungheni", "Ungheni", "MD-36"),
    ),
    "RO": (
        ("Bucharest", "București", "0"),
        ("Iasi", "Iași", "70"),
        ("Constanta", "Constanța", "90"),
        ("Timisoara", "Timișoara", "30"),
        ("Galati", "Galați", "80"),
    ),
    "BG": (
        ("Sofia", "София", "1"),
        ("Varna", "Варна", "90"),
        ("Plovdiv", "Пловдив", "40"),
        ("Burgas", "Бургас", "80"),
    ),
    "RS": (
        ("Belgrade", "Београд", "11"),
        ("Novi Sad", "Нови Сад", "21"),
        ("Nis", "Ниш", "18"),
        ("Subotica", "Суботица", "24"),
    ),
    "NG": (
        ("Lagos", "Lagos", "10"),
        ("Benin City", "Benin City", "30"),
        ("Abuja", "Abuja", "90"),
        ("Port Harcourt", "Port Harcourt", "50"),
    ),
    "DE": (
        ("Berlin", "Berlin", "1"),
        ("Frankfurt am Main", "Frankfurt am Main", "60"),
        ("Hamburg", "Hamburg", "2"),
        ("Munich", "München", "8"),
        ("Cologne", "Köln", "50"),
    ),
    "NL": (
        ("Amsterdam", "Amsterdam", "10"),
        ("Rotterdam", "Rotterdam", "30"),
        ("The Hague", "Den Haag", "25"),
        ("Utrecht", "Utrecht", "35"),
    ),
    "IT": (
        ("Rome", "Roma", "00"),
        ("Milan", "Milano", "20"),
        ("Turin", "Torino", "10"),
        ("Naples", "Napoli", "80"),
    ),
    "GB": (
        ("London", "London", "E"),
        ("Manchester", "Manchester", "M"),
        ("Birmingham", "Birmingham", "B"),
        ("Leeds", "Leeds", "LS"),
    ),
}

STREETS: dict[str, tuple[str, ...]] = {
    "UA": (
        "vul. Shevchenka",
        "vul. Franka",
        "prosp. Peremohy",
        "vul. Sadova",
        "vul. Lesi Ukrainky",
    ),
    "MD": ("str. Ștefan cel Mare", "str. Pușkin", "str. Ismail", "bd. Dacia"),
    "RO": ("Str. Victoriei", "Bd. Unirii", "Str. Florilor", "Calea Moșilor", "Str. Libertății"),
    "BG": ("ul. Rakovski", "bul. Vitosha", "ul. Shipka", "bul. Levski"),
    "RS": ("Bulevar kralja Aleksandra", "Knez Mihailova", "Nemanjina", "Cara Dušana"),
    "NG": ("Allen Avenue", "Adeola Odeku Street", "Sapele Road", "Airport Road"),
    "DE": ("Hauptstraße", "Bahnhofstraße", "Schillerstraße", "Gartenstraße", "Kaiserstraße"),
    "NL": ("Kerkstraat", "Dorpsstraat", "Molenweg", "Stationsweg"),
    "IT": ("Via Roma", "Via Garibaldi", "Via Dante", "Corso Italia"),
    "GB": ("High Street", "Station Road", "Church Lane", "Victoria Road"),
}

EMAIL_DOMAINS = (
    "gmail.com",
    "ukr.net",
    "mail.ru",
    "yahoo.com",
    "outlook.com",
    "abv.bg",
    "gmx.de",
    "yandex.ru",
    "proton.me",
    "hotmail.com",
)

_TO_CYRILLIC = [
    ("shch", "щ"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("yu", "ю"),
    ("ya", "я"),
    ("ye", "є"),
    ("yi", "ї"),
    ("ić", "іћ"),
    ("a", "а"),
    ("b", "б"),
    ("v", "в"),
    ("h", "г"),
    ("g", "ґ"),
    ("d", "д"),
    ("e", "е"),
    ("z", "з"),
    ("y", "и"),
    ("i", "і"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("f", "ф"),
    ("c", "ц"),
    ("j", "ј"),
    ("ć", "ћ"),
]
_BG_RS = {"і": "и", "є": "е", "ґ": "г", "г": "х", "и": "ъ", "ї": "йи"}


def to_cyrillic(latin: str, country: str) -> str:
    """Approximate Latin → Cyrillic spelling for generated tail names (UA, BG or RS style)."""
    out, text = [], latin.lower()
    while text:
        for lat, cyr in _TO_CYRILLIC:
            if text.startswith(lat):
                if country != "UA":
                    cyr = "".join(_BG_RS.get(ch, ch) for ch in cyr)
                    if lat == "h":
                        cyr = "х"
                    if lat == "y":
                        cyr = "й"
                out.append(cyr)
                text = text[len(lat) :]
                break
        else:
            out.append(text[0])
            text = text[1:]
    word = "".join(out).replace("іћ", "ић")
    return word[:1].upper() + word[1:]


@dataclass(frozen=True, slots=True)
class NamePool:
    """Names of one kind (male, female or family) for one country, most common first.

    ``variants[i, k]`` is variant ``k`` of name ``i`` (see VARIANT_KINDS); every slot
    is filled, falling back to the canonical spelling, so noise is one array lookup.
    """

    latin: np.ndarray  # canonical Latin spelling
    native: np.ndarray  # the spelling in the country's own script
    variants: np.ndarray  # shape (n, len(VARIANT_KINDS))
    weights: np.ndarray  # Zipf weights, sum 1


#: Columns of NamePool.variants.
VARIANT_KINDS = ("canonical", "native", "alt1", "alt2", "nickname", "typo1", "typo2", "typo3")

_QWERTY_NEAR = {
    "a": "sqz",
    "b": "vn",
    "c": "xv",
    "d": "sf",
    "e": "wr",
    "f": "dg",
    "g": "fh",
    "h": "gj",
    "i": "uo",
    "j": "hk",
    "k": "jl",
    "l": "k",
    "m": "n",
    "n": "bm",
    "o": "ip",
    "p": "o",
    "r": "et",
    "s": "ad",
    "t": "ry",
    "u": "yi",
    "v": "cb",
    "w": "qe",
    "y": "tu",
    "z": "x",
}


def typo(word: str, rng: np.random.Generator) -> str:
    """One keyboard slip: a dropped, doubled, swapped or neighbouring letter."""
    if len(word) < 4:
        return word + word[-1]
    i = int(rng.integers(1, len(word) - 1))
    kind = int(rng.integers(0, 4))
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    if kind == 2 and i >= 2:
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    near = _QWERTY_NEAR.get(word[i].lower())
    if near is None:
        return word[:i] + word[i + 1 :]
    return word[:i] + near[int(rng.integers(0, len(near)))] + word[i + 1 :]


def _zipf(n: int, s: float = 1.0) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** s
    return w / w.sum()


def _parse(block: str) -> list[list[str]]:
    return [line.split("|") for line in block.strip().splitlines()]


def _tail(country: str) -> list[str]:
    if country == "NG":
        return [a + b for a in _NG_TAIL for b in _NG_TAIL_END]
    return [s.capitalize() + e for s in _STEMS for e in _ENDINGS[country]]


def _pool(entries: list[list[str]], country: str, *, tail: bool, seed: int) -> NamePool:
    rng = np.random.default_rng(seed)
    rows = []
    for parts in entries:
        latin, native, alts = parts[0], parts[1], parts[2].split(";") if parts[2] else []
        nicks = parts[3].split(";") if len(parts) > 3 and parts[3] else []
        rows.append((latin, native, alts, nicks))
    if tail:
        known = {r[0] for r in rows}
        for name in _tail(country):
            if name in known:
                continue
            native = to_cyrillic(name, country) if country in CYRILLIC else name
            rows.append((name, native, [], []))
    variants = []
    for latin, native, alts, nicks in rows:
        alt1 = alts[0] if alts else typo(latin, rng)
        alt2 = alts[1] if len(alts) > 1 else alt1
        variants.append(
            [latin, native, alt1, alt2, nicks[0] if nicks else latin]
            + [typo(latin, rng) for _ in range(3)]
        )
    # head names are real and common; the generated tail is long and thin
    head = len(entries)
    weights = _zipf(len(rows), 1.05)
    if tail:
        weights[head:] *= 0.5
        weights /= weights.sum()
    return NamePool(
        latin=np.array([r[0] for r in rows], dtype=object),
        native=np.array([r[1] for r in rows], dtype=object),
        variants=np.array(variants, dtype=object),
        weights=weights,
    )


def _female_family(name: str, country: str) -> str:
    if country == "BG" and name[-2:] in ("ov", "ev"):
        return name + "a"
    if country == "BG" and name.endswith("ski"):
        return name[:-1] + "a"
    if country == "BG" and name[-2:] in ("ов", "ев"):
        return name + "а"
    return name


@lru_cache(maxsize=64)
def name_pool(country: str, kind: str) -> NamePool:
    """The pool of ``kind`` names ("male", "female", "family", "family_f") for ``country``."""
    seed = sum(map(ord, country + kind))
    if kind == "male":
        return _pool(_parse(_GIVEN_M[country]), country, tail=False, seed=seed)
    if kind == "female":
        return _pool(_parse(_GIVEN_F[country]), country, tail=False, seed=seed)
    if kind == "family":
        return _pool(_parse(_FAMILY[country]), country, tail=True, seed=seed)
    if kind == "family_f":
        base = name_pool(country, "family")
        fem = np.vectorize(lambda s: _female_family(s, country), otypes=[object])
        return NamePool(
            latin=fem(base.latin),
            native=fem(base.native),
            variants=fem(base.variants),
            weights=base.weights,
        )
    raise ValueError(f"kind must be male, female, family or family_f, not {kind!r}")
