"""Name, city and street pools per country, with script, transliteration and nickname variants."""

from __future__ import annotations

import unicodedata
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
Yevhen|Євген|Evgen;Yevgeniy;Evgeny|Zhenya
Mykhailo|Михайло|Mykhaylo;Mikhail;Michael|Misha
Pavlo|Павло|Pavel;Pawlo|Pasha
Anatoliy|Анатолій|Anatolii;Anatoly|Tolya
Valeriy|Валерій|Valerii;Valery|Valera
Vitaliy|Віталій|Vitalii;Vitaly|Vitalik
Artem|Артем|Artyom;Artiom|Tema
Denys|Денис|Denis|Den
Vadym|Вадим|Vadim|Vadik
Ruslan|Руслан|Rouslan|
Stepan|Степан|Stefan|Stepa
Yaroslav|Ярослав|Iaroslav;Jaroslaw|Yarik
Anton|Антон|Antoni|Antosha
Hennadiy|Геннадій|Hennadii;Gennadiy;Gennady|
Leonid|Леонід|Leonyd|Lenya
Vladyslav|Владислав|Vladislav;Wladyslaw|Vlad
Kostiantyn|Костянтин|Kostyantyn;Konstantin|Kostya
Oleksiy|Олексій|Oleksii;Aleksey;Alexey|
Danylo|Данило|Danilo;Daniil|Danya
Illia|Ілля|Illya;Ilya;Ilia|Ilyusha
Nazar|Назар|Nasar|
Borys|Борис|Boris|Borya
Hryhoriy|Григорій|Hryhorii;Grigoriy;Grigory|Hrysha
Fedir|Федір|Fedor;Fyodor|Fedya
Valentyn|Валентин|Valentin|Valik""",
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
Ghenadie|Ghenadie|Gennady|Ghena
Gheorghe|Gheorghe|Georgii;George|Gică
Valeriu|Valeriu|Valerii;Valeriy|Valera
Vitalie|Vitalie|Vitalii;Vitaliy|Vitalik
Eugeniu|Eugeniu|Evghenii;Evgenii|Jenea
Oleg|Oleg|Oleh|
Petru|Petru|Piotr;Petr|Petrică
Pavel|Pavel|Pavlo|
Constantin|Constantin|Konstantin|Costel
Anatolie|Anatolie|Anatolii;Anatol|Tolea
Radu|Radu|Radou|
Denis|Denis|Denys|
Maxim|Maxim|Maksim|Max
Iurie|Iurie|Iurii;Yuri|Iura
Veaceslav|Veaceslav|Viaceslav;Vyacheslav|Slava
Valentin|Valentin|Valentyn|
Grigore|Grigore|Grigorii|Grișa
Artur|Artur|Arthur|
Stanislav|Stanislav|Stanislaw|Stas
Adrian|Adrian|Adrean|
Dorin|Dorin|Dorian|
Cristian|Cristian|Kristian|Cristi
Alexei|Alexei|Aleksei;Alexey|
Tudor|Tudor|Teodor|
Iulian|Iulian|Yulian|
Ruslan|Ruslan|Rouslan|
Vadim|Vadim|Vadym|
Daniel|Daniel|Danil|Dani""",
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
Cătălin|Cătălin|Catalin|
Ion|Ion|Ioan|Ionel
Vasile|Vasile|Vasilie|Vasilică
Nicolae|Nicolae|Nicolai|Nicu
Dumitru|Dumitru|Dimitrie|Mitică
Gabriel|Gabriel|Gavril|Gabi
Valentin|Valentin|Valentyn|Vali
George|George|Georges|Gigi
Vlad|Vlad|Vladimir|
Răzvan|Răzvan|Razvan|
Sorin|Sorin|Soryn|
Lucian|Lucian|Luchian|Luci
Nicușor|Nicușor|Nicusor|
Ciprian|Ciprian|Cyprian|Cipri
Cosmin|Cosmin|Kosmin|
Ovidiu|Ovidiu|Ovidio|Ovi
Emil|Emil|Emill|
Petru|Petru|Petre;Peter|
Liviu|Liviu|Livius|
Sebastian|Sebastian|Sebastien|Sebi
Dan|Dan|Danny|Dănuț
Laurențiu|Laurențiu|Laurentiu|Lau
Iulian|Iulian|Julian|
Claudiu|Claudiu|Claudio|
Robert|Robert|Roberto|Robi
Paul|Paul|Pavel|
Viorel|Viorel|Viorell|
Mircea|Mircea|Mircia|
Ionel|Ionel|Ionell|""",
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
Aleksandar|Александър|Alexander;Aleksandr|Sasho
Vasil|Васил|Vassil;Wasil|Vasko
Atanas|Атанас|Athanas;Atanass|Nasko
Angel|Ангел|Anghel|
Stefan|Стефан|Stephan|Stefcho
Kiril|Кирил|Kirill;Cyril|Kiro
Lyubomir|Любомир|Liubomir;Ljubomir|Lyubo
Martin|Мартин|Martyn|Marto
Valentin|Валентин|Valentine|
Emil|Емил|Emile|
Boris|Борис|Borys|Bobi
Daniel|Даниел|Danail|Dani
Mihail|Михаил|Mikhail;Michail|Misho
Tsvetan|Цветан|Cvetan;Tzvetan|Tsetso
Rumen|Румен|Roumen|
Vladimir|Владимир|Wladimir|Vlado
Kaloyan|Калоян|Kaloian|Koko
Ventsislav|Венцислав|Ventzislav;Vencislav|Ventsi
Iliya|Илия|Ilia;Ilija|Ilcho
Anton|Антон|Antoan|Toni
Miroslav|Мирослав|Miroslaw|Miro
Simeon|Симеон|Simeone|Moni
Radoslav|Радослав|Radoslaw|Rado
Zhivko|Живко|Jivko;Zivko|
Asen|Асен|Assen|Acho
Ivaylo|Ивайло|Ivailo|Ivo
Evgeni|Евгени|Evgeniy;Evgeny|""",
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
Milan|Милан|Milan|Mića
Nemanja|Немања|Nemanya|
Luka|Лука|Louka|
Lazar|Лазар|Lasar|Laki
Ivan|Иван|Iwan|Ivica
Jovan|Јован|Yovan;Jowan|Jova
Petar|Петар|Peter;Petr|Pera
Dušan|Душан|Dusan;Dushan|Duki
Đorđe|Ђорђе|Djordje;Dorde;George|
Miroslav|Мирослав|Miroslaw|Miki
Srđan|Срђан|Srdjan;Srdan|Srle
Bojan|Бојан|Boyan|Boki
Branko|Бранко|Branco|Brane
Slobodan|Слободан||Slobo
Predrag|Предраг||
Igor|Игор|Ihor|
Uroš|Урош|Uros;Urosh|
Vuk|Вук||
Filip|Филип|Philip;Phillip|Fića
Dimitrije|Димитрије|Dimitrie;Dimitri|Mita
Saša|Саша|Sasa;Sasha|
Veljko|Вељко|Velyko|
Mihajlo|Михајло|Mihailo;Mikhailo|
Aleksa|Алекса|Alexa|
Darko|Дарко|Darco|
Željko|Жељко|Zeljko;Zheljko|
Vojislav|Војислав|Voislav|Voja""",
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
Kelechi|Kelechi|Kelechukwu|Kc
Abdullahi|Abdullahi|Abdullah|Abdul
Ifeanyi|Ifeanyi|Ifeanyichukwu|Ify
Oluwafemi|Oluwafemi|Olufemi|Femi
Uchenna|Uchenna|Uchena|Uche
Usman|Usman|Usmanu;Othman|
Sunday|Sunday|Sonday|
Emmanuel|Emmanuel|Emanuel|Emma
Daniel|Daniel|Danial|Dan
John|John|Jon|Johnny
Peter|Peter|Pita|Pete
Friday|Friday|Fryday|
Yusuf|Yusuf|Yusufu;Yousef|
Aliyu|Aliyu|Ali|
Babajide|Babajide|Jide|Jide
Segun|Segun|Olusegun;Shegun|
Kayode|Kayode|Kayodeh|Kay
Olumide|Olumide|Mide|Mide
Chibuzor|Chibuzor|Chibuzo|Buzor
Nnamdi|Nnamdi|Namdi|
Ikenna|Ikenna|Ikena|Ike
Osaro|Osaro|Osaru|
Efosa|Efosa|Efesa|
Victor|Victor|Viktor|Vic
Patrick|Patrick|Patric|Pat
Michael|Michael|Micheal|Mike
Joseph|Joseph|Josef|Joe
Umar|Umar|Omar|""",
    "DE": """Thomas|Thomas|Tomas|Tom
Michael|Michael|Micheal|Michi
Andreas|Andreas|Andres|Andi
Stefan|Stefan|Stephan|Steffi
Markus|Markus|Marcus|
Christian|Christian|Kristian|Chris
Daniel|Daniel|Danial|Dani
Jürgen|Jürgen|Juergen;Jurgen|
Klaus|Klaus|Claus|
Sebastian|Sebastian|Sebastien|Basti
Alexander|Alexander|Aleksander|Alex
Peter|Peter|Petr|
Wolfgang|Wolfgang||Wolfi
Frank|Frank|Franck|
Martin|Martin|Martyn|
Matthias|Matthias|Mathias|Matze
Tobias|Tobias|Tobijas|Tobi
Florian|Florian|Florien|Flo
Jan|Jan|Jahn|
Tim|Tim|Timm|
Dirk|Dirk|Dierk|
Uwe|Uwe||
Jens|Jens|Jenns|
Sven|Sven|Swen|
Torsten|Torsten|Thorsten|
Ralf|Ralf|Ralph|
Bernd|Bernd|Bernhard|
Dieter|Dieter|Diether|
Hans|Hans|Hanns|Hansi
Jörg|Jörg|Joerg;Jorg|
Holger|Holger||
Lukas|Lukas|Lucas|Luki
Maximilian|Maximilian|Maximillian|Max
Felix|Felix|Feliks|
Philipp|Philipp|Phillip;Filip|Phil
Dennis|Dennis|Denis|
Patrick|Patrick|Patrik|
Kevin|Kevin||
Heinz|Heinz||""",
    "NL": """Jan|Jan|Johannes|
Daan|Daan|Dan|
Pieter|Pieter|Peter|Piet
Sander|Sander|Alexander|
Thijs|Thijs|Tijs;Matthijs|
Bram|Bram|Abraham|
Ruben|Ruben|Reuben|
Joost|Joost|Just|
Kees|Kees|Cees|
Hendrik|Hendrik|Hendrick|Henk
Willem|Willem|William|Wim
Gerrit|Gerrit|Gerit|
Cornelis|Cornelis|Kornelis|Cor
Dirk|Dirk|Dick|
Jeroen|Jeroen|Jeron|
Bas|Bas|Sebastiaan|
Tim|Tim|Timm|
Lars|Lars||
Martijn|Martijn|Martyn;Martin|
Stefan|Stefan|Stephan|
Mark|Mark|Marc|
Niels|Niels|Nils|
Jasper|Jasper|Jesper|
Wouter|Wouter|Walter|
Bart|Bart|Bartholomeus|
Koen|Koen|Coen|
Rob|Rob|Robert|
Michiel|Michiel|Michael|
Erik|Erik|Eric|
Mohamed|Mohamed|Mohammed|Mo
Sem|Sem|Sam|
Lucas|Lucas|Lukas|Luc
Jesse|Jesse|Jessie|
Arjen|Arjen|Arjan|
Frank|Frank|Franck|
Vincent|Vincent|Vinsent|Vince""",
    "IT": """Giuseppe|Giuseppe|Guiseppe|Beppe
Marco|Marco|Marko|
Giovanni|Giovanni|Giovani|Gianni
Antonio|Antonio|Antonino|Toni
Luca|Luca|Luka|
Francesco|Francesco|Franceso|Checco
Alessandro|Alessandro|Alexandro|Ale
Salvatore|Salvatore|Salvator|Totò
Mario|Mario||
Andrea|Andrea|Andreas|
Roberto|Roberto|Robert|Rob
Stefano|Stefano|Stephano|Ste
Angelo|Angelo|Angiolo|
Vincenzo|Vincenzo|Vincent;Vincenso|Enzo
Paolo|Paolo|Paulo;Paul|
Pietro|Pietro|Piero;Peter|
Matteo|Matteo|Mateo;Matthew|Teo
Lorenzo|Lorenzo|Lorenso|Renzo
Davide|Davide|David|
Simone|Simone|Simon|
Domenico|Domenico|Domenic|Mimmo
Fabio|Fabio||
Massimo|Massimo|Maximo|Max
Claudio|Claudio||
Franco|Franco|Franko|
Bruno|Bruno||
Carlo|Carlo|Carlos|
Michele|Michele|Michael|
Gabriele|Gabriele|Gabriel|Lele
Nicola|Nicola|Nicolas|Nico
Riccardo|Riccardo|Ricardo;Richard|Ricky
Emanuele|Emanuele|Emmanuele;Emmanuel|Manu
Raffaele|Raffaele|Rafaele;Raphael|Lello
Daniele|Daniele|Daniel|
Federico|Federico|Frederico|Fede
Sergio|Sergio|Serge|
Luigi|Luigi|Louis|Gigi""",
    "GB": """James|James|Jamie|Jim
John|John|Jon|Johnny
David|David|Dave|Dave
Michael|Michael|Micheal|Mike
Paul|Paul|Pual|
Andrew|Andrew|Andy|Andy
Richard|Richard|Rich|Rick
Mark|Mark|Marc|
Robert|Robert|Rob|Bob
William|William|Wiliam|Will
Peter|Peter|Pete|Pete
Christopher|Christopher|Christoffer;Kristopher|Chris
Stephen|Stephen|Steven|Steve
Thomas|Thomas|Tomas|Tom
Daniel|Daniel|Danial|Dan
Matthew|Matthew|Mathew|Matt
Anthony|Anthony|Antony|Tony
Steven|Steven|Stephen|Steve
Gary|Gary|Garry|
Ian|Ian|Iain|
Simon|Simon|Symon|
Kevin|Kevin|Kevan|Kev
Jonathan|Jonathan|Johnathan|Jon
Martin|Martin|Martyn|
Alan|Alan|Allan;Allen|Al
Stuart|Stuart|Stewart|Stu
Lee|Lee|Leigh|
Neil|Neil|Neal|
Joseph|Joseph|Josef|Joe
George|George||Georgie
Adam|Adam||
Benjamin|Benjamin|Benjamen|Ben
Oliver|Oliver|Olivier|Ollie
Harry|Harry|Henry|
Jack|Jack|Jak|
Samuel|Samuel|Samual|Sam
Ryan|Ryan|Rian|
Graham|Graham|Graeme|""",
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
Daryna|Дарина|Darina|Dasha
Liudmyla|Людмила|Lyudmyla;Lyudmila;Ludmila|Luda
Valentyna|Валентина|Valentina|Valya
Larysa|Лариса|Larisa|Lara
Halyna|Галина|Galina;Halina|Halya
Nadiya|Надія|Nadiia;Nadia;Nadezhda|Nadya
Liubov|Любов|Lyubov|Lyuba
Inna|Інна|Ina|
Valeriya|Валерія|Valeriia;Valeria|Lera
Khrystyna|Христина|Khristina;Kristina;Christina|Khrystya
Oleksandra|Олександра|Aleksandra;Alexandra|Sasha
Sofiya|Софія|Sofiia;Sofia;Sophia|Sonya
Yana|Яна|Iana;Jana|
Vira|Віра|Vera|
Lesya|Леся|Lesia|
Marta|Марта|Martha|
Ivanna|Іванна|Ivana|
Anzhelika|Анжеліка|Angelika;Anzhelica|Lika
Diana|Діана|Dyana|
Polina|Поліна|Paulina|Polya
Veronika|Вероніка|Veronica|Nika
Liliya|Лілія|Liliia;Lilia|Lilya
Zhanna|Жанна|Zhana;Jeanna|
Nina|Ніна|Nyna|
Raisa|Раїса|Raissa|Raya
Zoya|Зоя|Zoia|""",
    "MD": """Maria|Maria|Mariya|
Elena|Elena|Olena|Lena
Ana|Ana|Anna|
Tatiana|Tatiana|Tatyana|Tania
Natalia|Natalia|Natalya|Nata
Olga|Olga|Olha|
Cristina|Cristina|Kristina|Cris
Irina|Irina|Iryna|
Svetlana|Svetlana|Svitlana|Sveta
Ludmila|Ludmila|Lyudmila;Liudmila|Lucia
Galina|Galina|Halyna|
Valentina|Valentina|Valentyna|Valea
Aurelia|Aurelia|Aurelya|
Nadejda|Nadejda|Nadezhda|Nadea
Lilia|Lilia|Liliya|
Larisa|Larisa|Larysa|
Angela|Angela|Anzhela|
Victoria|Victoria|Viktoria|Vica
Ecaterina|Ecaterina|Ekaterina;Katerina|Catea
Alexandra|Alexandra|Aleksandra|
Doina|Doina|Doyna|
Veronica|Veronica|Veronika|
Marina|Marina|Maryna|
Daniela|Daniela|Danyela|Dana
Diana|Diana|Dyana|
Inna|Inna|Ina|
Mariana|Mariana|Maryana|
Nina|Nina||
Zinaida|Zinaida|Zinaïda|Zina
Valeria|Valeria|Valeriya|Lera
Rodica|Rodica|Rodika|
Eugenia|Eugenia|Evghenia;Evgeniya|Jenea
Vera|Vera|Vira|
Anastasia|Anastasia|Anastasiya|Nastea
Ala|Ala|Alla|
Silvia|Silvia|Sylvia|
Mihaela|Mihaela|Michaela|
Liliana|Liliana|Lilyana|Lili""",
    "RO": """Maria|Maria|Marya|
Elena|Elena|Helena|Leni
Ioana|Ioana|Yoana|
Andreea|Andreea|Andrea|Deea
Alexandra|Alexandra|Aleksandra|Alex
Mihaela|Mihaela|Michaela|Miha
Cristina|Cristina|Kristina|Cristi
Ana|Ana|Anna|
Gabriela|Gabriela|Gabriella|Gabi
Florentina|Florentina|Florentyna|Flori
Daniela|Daniela|Danyela|Dana
Mariana|Mariana|Marianna|
Georgiana|Georgiana|Giorgiana|Gina
Nicoleta|Nicoleta|Nicoletta|Nico
Ionela|Ionela|Ionella|
Simona|Simona|Symona|
Roxana|Roxana|Roksana|Roxi
Iuliana|Iuliana|Juliana|Iuli
Adriana|Adriana|Adriena|
Alina|Alina|Alyna|
Raluca|Raluca|Raluka|
Monica|Monica|Monika|
Diana|Diana|Dyana|
Larisa|Larisa|Larissa|
Bianca|Bianca|Bianka|
Oana|Oana|Ohana|
Camelia|Camelia|Kamelia|
Lavinia|Lavinia|Lavinya|
Corina|Corina|Korina|
Denisa|Denisa|Denissa|
Ramona|Ramona|Ramonna|
Irina|Irina|Iryna|
Angela|Angela|Anghela|
Valentina|Valentina|Valentyna|Vali
Ștefania|Ștefania|Stefania|
Loredana|Loredana|Loredanna|Lori
Anca|Anca|Anka|
Carmen|Carmen|Karmen|""",
    "BG": """Maria|Мария|Mariya|Mimi
Ivanka|Иванка|Ivana|Ivi
Elena|Елена|Yelena|Eli
Yordanka|Йорданка|Iordanka;Jordanka|Danche
Desislava|Десислава|Dessislava|Desi
Tsvetelina|Цветелина|Cvetelina;Tzvetelina|Tsveti
Gergana|Гергана|Ghergana|Gery
Petya|Петя|Petia|
Nadezhda|Надежда|Nadejda;Nadezda|Nadya
Radka|Радка|Radca|
Galina|Галина|Galyna|Gali
Snezhana|Снежана|Snejana;Snezana|Snezhi
Silvia|Силвия|Silviya;Sylvia|Silvi
Daniela|Даниела|Daniella|Dani
Teodora|Теодора|Theodora|Tedi
Rositsa|Росица|Rosica;Rositza|Rosi
Svetla|Светла|Swetla|
Stefka|Стефка|Stefca|
Veselina|Веселина|Vesselina|Vesi
Kristina|Кристина|Christina|Kris
Viktoria|Виктория|Viktoriya;Victoria|Viki
Nikol|Никол|Nicole|Niki
Aleksandra|Александра|Alexandra|Sasha
Margarita|Маргарита|Margarite|Magi
Violeta|Виолета|Violetta|Vili
Todorka|Тодорка|Todorca|
Anna|Анна|Ana|Ani
Iliyana|Илияна|Iliana;Ilijana|Ili
Lilyana|Лиляна|Liliana;Liljana|Lili
Boryana|Боряна|Boriana|Bori
Emilia|Емилия|Emiliya;Emilija|Emi
Zornitsa|Зорница|Zornica;Zornitza|Zori
Vanya|Ваня|Vania|
Katya|Катя|Katia|
Yana|Яна|Iana;Jana|
Antoaneta|Антоанета|Antoanette|Toni""",
    "RS": """Milica|Милица|Militsa|Mica
Jelena|Јелена|Yelena;Elena|Jeca
Ana|Ана|Anna|Anči
Marija|Марија|Maria;Mariya|Maja
Jovana|Јована|Yovana|Joca
Dragana|Драгана|Dragana|Gaga
Ivana|Ивана|Iwana|Ivka
Snežana|Снежана|Snezana;Snezhana|Sneža
Jasmina|Јасмина|Yasmina|
Maja|Маја|Maya|
Tijana|Тијана|Tiyana|
Sofija|Софија|Sofia;Sophia|Sofi
Teodora|Теодора|Theodora|
Katarina|Катарина|Catarina;Katharina|Kaća
Nataša|Наташа|Natasa;Natasha|
Tamara|Тамара|Tamarra|
Mirjana|Мирјана|Miryana|Mira
Gordana|Гордана|Gordanna|Goca
Vesna|Весна|Wesna|
Biljana|Биљана|Biliana;Bilyana|
Danijela|Данијела|Daniela|Dani
Aleksandra|Александра|Alexandra|Sandra
Sanja|Сања|Sanya;Sania|
Tanja|Тања|Tanya;Tania|
Zorica|Зорица|Zoritsa|Zoka
Slađana|Слађана|Sladjana;Sladana|
Kristina|Кристина|Christina|Kiki
Anđela|Анђела|Andjela;Andela;Angela|
Milena|Милена|Mylena|
Ljiljana|Љиљана|Liljana;Lilyana|
Svetlana|Светлана|Swetlana|Ceca
Branka|Бранка|Branca|
Dragica|Драгица|Dragitsa|
Nevena|Невена|Newena|
Dušica|Душица|Dusica;Dushica|""",
    "NG": """Blessing|Blessing|Blesing|
Chioma|Chioma|Chiamaka|Chi
Ngozi|Ngozi|Ngozie|Ngo
Aisha|Aisha|Aishat;Ayesha|
Funmilayo|Funmilayo|Funmi|Funmi
Precious|Precious|Precius|
Adaeze|Adaeze|Adaze|Ada
Joy|Joy|Joi|
Folake|Folake|Folakemi|
Esther|Esther|Ester|
Fatima|Fatima|Fatimah;Fatimat|Fati
Amaka|Amaka|Chiamaka|Maka
Nneka|Nneka|Neka|
Grace|Grace|Graice|
Mercy|Mercy|Mercie|
Patience|Patience|Pacience|
Gift|Gift|Gifty|
Comfort|Comfort|Komfort|
Favour|Favour|Favor|
Faith|Faith|Feith|
Oluwakemi|Oluwakemi|Olukemi|Kemi
Yetunde|Yetunde|Yetundeh|Yetty
Temitope|Temitope|Temi|Tope
Bukola|Bukola|Bukolah|Bukky
Ifeoma|Ifeoma|Ifeomah|Ify
Nkechi|Nkechi|Nkeiruka|Kechi
Zainab|Zainab|Zaynab;Zeinab|
Hauwa|Hauwa|Hawa;Hauwau|
Eki|Eki|Ekinadose|
Omoye|Omoye|Omoyeh|
Chidinma|Chidinma|Chidimma|Dinma
Adaobi|Adaobi|Adaoby|Ada
Abimbola|Abimbola|Bimbola|Bimbo
Olaide|Olaide|Olayide|Laide
Mary|Mary|Mari|
Deborah|Deborah|Debora|Debby""",
    "DE": """Sabine|Sabine|Sabina|Bine
Anna|Anna|Ana|Anni
Julia|Julia|Giulia|Jule
Katharina|Katharina|Katarina;Catharina|Kathi
Stefanie|Stefanie|Stephanie|Steffi
Laura|Laura|Lara|
Andrea|Andrea|Andreea|
Claudia|Claudia|Klaudia|
Susanne|Susanne|Suzanne;Susann|Susi
Petra|Petra||
Monika|Monika|Monica|Moni
Birgit|Birgit|Birgitt|Biggi
Nicole|Nicole|Nicol;Nikole|Nicki
Christina|Christina|Kristina|Tina
Melanie|Melanie|Melani|Mel
Sandra|Sandra||Sandy
Martina|Martina|Martine|
Ursula|Ursula|Urszula|Uschi
Karin|Karin|Carin|
Gabriele|Gabriele|Gabriela|Gabi
Heike|Heike||
Anja|Anja|Anya|
Sarah|Sarah|Sara|
Lisa|Lisa|Liza|
Lena|Lena||
Jennifer|Jennifer|Jenifer|Jenny
Christine|Christine|Kristine|
Angelika|Angelika|Angelica|Geli
Kerstin|Kerstin|Kirsten|
Manuela|Manuela|Manuella|Manu
Tanja|Tanja|Tanya|
Nadine|Nadine|Nadin|
Silke|Silke||
Jana|Jana|Yana|
Lea|Lea|Leah|
Marie|Marie|Maria|""",
    "NL": """Emma|Emma|Ema|
Sanne|Sanne|Sana|
Lotte|Lotte|Charlotte|
Anouk|Anouk|Anuk|
Femke|Femke|Femka|
Maria|Maria|Marie|Ria
Johanna|Johanna|Joanna|Jo
Anna|Anna|Ana|
Cornelia|Cornelia|Kornelia|Corrie
Elisabeth|Elisabeth|Elizabeth|Lies
Wilhelmina|Wilhelmina|Willemina|Mien
Linda|Linda|Lynda|
Marieke|Marieke|Marike|
Esther|Esther|Ester|
Ingrid|Ingrid||
Monique|Monique|Monika|
Sandra|Sandra||Sandy
Inge|Inge|Ingeborg|
Mirjam|Mirjam|Miriam|
Petra|Petra||
Lisa|Lisa|Liza|
Julia|Julia|Julie|Juul
Sophie|Sophie|Sofie|
Eva|Eva|Eve|
Tessa|Tessa||Tes
Fleur|Fleur||
Iris|Iris||
Anne|Anne|Ann|
Marloes|Marloes|Marlous|
Saskia|Saskia||
Laura|Laura|Lora|
Sara|Sara|Sarah|
Nina|Nina||
Yvonne|Yvonne|Ivonne|
Fatima|Fatima|Fatma|""",
    "IT": """Giulia|Giulia|Julia|Giuli
Francesca|Francesca|Franceska|Fra
Chiara|Chiara|Kiara|
Sara|Sara|Sarah|
Martina|Martina|Martyna|Marti
Maria|Maria||
Anna|Anna|Ana|
Giuseppina|Giuseppina|Giuseppa|Pina
Rosa|Rosa|Rose|Rosetta
Angela|Angela|Angiola|Lina
Giovanna|Giovanna|Giovana|Gianna
Teresa|Teresa|Theresa|Tere
Lucia|Lucia|Lucy|
Carmela|Carmela|Carmen|
Caterina|Caterina|Catherine;Katerina|Rina
Valentina|Valentina|Valentine|Vale
Alessia|Alessia|Alexia|Ale
Elisa|Elisa|Eliza|
Federica|Federica|Frederica|Fede
Silvia|Silvia|Sylvia|
Elena|Elena|Helena|
Paola|Paola|Paula|
Roberta|Roberta||Robi
Alessandra|Alessandra|Alexandra|Ale
Serena|Serena||
Laura|Laura|Lora|
Simona|Simona|Simone|
Barbara|Barbara|Barbra|
Antonella|Antonella|Antonela|Anto
Cristina|Cristina|Christina|Cri
Giorgia|Giorgia|Georgia|Gio
Aurora|Aurora|Aurore|
Sofia|Sofia|Sophia|Sofi
Beatrice|Beatrice|Beatrix|Bea""",
    "GB": """Sarah|Sarah|Sara|
Emma|Emma|Ema|Em
Laura|Laura|Lora|
Rebecca|Rebecca|Rebeca|Becky
Jessica|Jessica|Jesica|Jess
Susan|Susan|Suzanne|Sue
Margaret|Margaret|Margret|Maggie
Elizabeth|Elizabeth|Elisabeth|Liz
Helen|Helen|Helene|
Claire|Claire|Clare|
Karen|Karen|Caren|
Julie|Julie|Julia|Jules
Nicola|Nicola|Nichola|Nicky
Amanda|Amanda||Mandy
Lisa|Lisa|Leesa|
Louise|Louise|Louisa|Lou
Victoria|Victoria|Viktoria|Vicky
Catherine|Catherine|Katherine;Kathryn|Kate
Joanne|Joanne|Joanna|Jo
Michelle|Michelle|Michele|
Hannah|Hannah|Hanna|
Charlotte|Charlotte|Charlote|Charlie
Amy|Amy|Aimee|
Lucy|Lucy|Lucie|
Sophie|Sophie|Sophia|
Olivia|Olivia||Liv
Katie|Katie|Katy|
Rachel|Rachel|Rachael|
Deborah|Deborah|Debra|Debbie
Patricia|Patricia||Pat
Linda|Linda|Lynda|
Angela|Angela|Angie|Angie
Kelly|Kelly|Kelli|
Samantha|Samantha|Samanta|Sam
Gemma|Gemma|Jemma|""",
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
Pavlenko|Павленко|Pawlenko
Kravchuk|Кравчук|Krawczuk;Kravtchouk
Kozak|Козак|Kosak
Lytvynenko|Литвиненко|Litvinenko
Karpenko|Карпенко|Karpenco
Savchuk|Савчук|Sawchuk;Savtchouk
Kushnir|Кушнір|Kuschnir;Kouchnir
Ponomarenko|Пономаренко|Ponomarenco
Vasylenko|Василенко|Vasilenko;Wasylenko
Klymenko|Клименко|Klimenko
Levchenko|Левченко|Lewtschenko
Kharchenko|Харченко|Charchenko;Kharchenco
Sydorenko|Сидоренко|Sidorenko
Romaniuk|Романюк|Romanyuk;Romaniouk
Ivanenko|Іваненко|Iwanenko
Martyniuk|Мартинюк|Martynyuk;Martiniuk
Panchenko|Панченко|Pantchenko
Yakovenko|Яковенко|Iakovenko;Jakowenko
Demchenko|Демченко|Demtschenko
Khomenko|Хоменко|Homenko;Chomenko
Prykhodko|Приходько|Prihodko;Prychodko
Vlasenko|Власенко|Wlassenko
Kostenko|Костенко|Kostenco
Yurchenko|Юрченко|Iurchenko;Jurtschenko
Kuzmenko|Кузьменко|Kuzmenco
Nazarenko|Назаренко|Nasarenko
Zinchenko|Зінченко|Sintschenko
Dmytrenko|Дмитренко|Dmitrenko
Honchar|Гончар|Gonchar;Hontschar
Bilyk|Білик|Bilik""",
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
Guțu|Guțu|Gutu
Ciobanu|Ciobanu|Cioban
Sandu|Sandu|Sandou
Moraru|Moraru|Morari
Roșca|Roșca|Rosca
Ursu|Ursu|Ursou
Melnic|Melnic|Melnik
Cazacu|Cazacu|Kazaku
Bulgaru|Bulgaru|Bulgari
Lupu|Lupu|Lupo
Balan|Balan|Balanu
Grosu|Grosu|Grossu
Tcaciuc|Tcaciuc|Tkachuk
Gavriliță|Gavriliță|Gavrilita
Covalciuc|Covalciuc|Kovalchuk
Mocanu|Mocanu|Mokanu
Croitoru|Croitoru|Croitor
Postolachi|Postolachi|Postolache
Ungureanu|Ungureanu|Ungurean
Vrabie|Vrabie|Vrabii
Prodan|Prodan|Prodanu
Railean|Railean|Raileanu
Chiriac|Chiriac|Kiriak
Burlacu|Burlacu|Burlaku
Popescu|Popescu|Popesku
Bivol|Bivol|Bivolu""",
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
Munteanu|Munteanu|Muntean
Florea|Florea|Floria
Popovici|Popovici|Popovich
Tudor|Tudor|Todor
Ene|Ene|Enne
Neagu|Neagu|Neagou
Ion|Ion|Ioan
Lazăr|Lazăr|Lazar
Nistor|Nistor|Nestor
Barbu|Barbu|Barbou
Cristea|Cristea|Kristea
Toma|Toma|Thoma
Dobre|Dobre|Dobrea
Iordache|Iordache|Jordache
Stanciu|Stanciu|Stanchu
Nedelcu|Nedelcu|Nedelku
Oprea|Oprea|Opria
Voicu|Voicu|Voiku
Ardeleanu|Ardeleanu|Ardelean
Georgescu|Georgescu|Georgesco
Sandu|Sandu|Sandou
Moraru|Moraru|Morar
Diaconu|Diaconu|Diakonu
Vasile|Vasile|Vasilie
Ursu|Ursu|Urs
Rădulescu|Rădulescu|Radulescu
Anghel|Anghel|Angel
Tănase|Tănase|Tanase
Dumitrescu|Dumitrescu|Dumitresco
Manea|Manea|Maneia""",
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
Yordanov|Йорданов|Iordanov;Jordanov
Mihaylov|Михайлов|Mihailov;Mikhaylov
Stefanov|Стефанов|Stephanov
Aleksandrov|Александров|Alexandrov
Kostov|Костов|Kostoff
Marinov|Маринов|Marinoff
Pavlov|Павлов|Pavloff
Popov|Попов|Popoff
Mladenov|Младенов|Mladenoff
Kirov|Киров|Kiroff
Yankov|Янков|Iankov;Jankov
Stoev|Стоев|Stoew
Tsvetkov|Цветков|Cvetkov;Tzvetkov
Stanchev|Станчев|Stantchev
Genchev|Генчев|Gentchev
Kostadinov|Костадинов|Kostadinoff
Dimov|Димов|Dimoff
Penev|Пенев|Penew
Ganev|Ганев|Ganew
Zhelyazkov|Желязков|Jeliazkov;Zhelyazkoff
Hadzhiev|Хаджиев|Hadjiev;Khadzhiev
Lazarov|Лазаров|Lasarov
Mitev|Митев|Mitew
Spasov|Спасов|Spassov
Radev|Радев|Radew
Slavov|Славов|Slavoff
Valchev|Вълчев|Vulchev;Valtchev
Kolarov|Коларов|Kolaroff
Manolov|Манолов|Manoloff""",
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
Todorović|Тодоровић|Todorovic
Ristić|Ристић|Ristic;Ristich
Lazić|Лазић|Lazic;Lazich
Kostić|Костић|Kostic;Kostich
Milovanović|Миловановић|Milovanovic
Marić|Марић|Maric;Marich
Tomić|Томић|Tomic;Tomich
Obradović|Обрадовић|Obradovic
Lukić|Лукић|Lukic;Lukich
Mitrović|Митровић|Mitrovic
Đukić|Ђукић|Djukic;Dukic
Simić|Симић|Simic;Simich
Stojković|Стојковић|Stojkovic
Radovanović|Радовановић|Radovanovic
Kovačević|Ковачевић|Kovacevic;Kovachevich
Savić|Савић|Savic;Savich
Gajić|Гајић|Gajic;Gaich
Mladenović|Младеновић|Mladenovic
Stevanović|Стевановић|Stevanovic
Milić|Милић|Milic;Milich
Janković|Јанковић|Jankovic;Yankovich
Vasić|Васић|Vasic;Vasich
Filipović|Филиповић|Filipovic
Perić|Перић|Peric;Perich
Mihajlović|Михајловић|Mihajlovic;Mihailovic
Pešić|Пешић|Pesic;Peshich
Vuković|Вуковић|Vukovic
Babić|Бабић|Babic;Babich
Ivanović|Ивановић|Ivanovic
Matić|Матић|Matic;Matich""",
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
Igbinedion|Igbinedion|Igbinedon
Okeke|Okeke|Okekeh
Nwachukwu|Nwachukwu|Nwachuku
Okoro|Okoro|Okorro
Adeleke|Adeleke|Adelekeh
Usman|Usman|Othman
Yusuf|Yusuf|Yusufu
Aliyu|Aliyu|Aliu
Okoye|Okoye|Okoyeh
Okon|Okon|Okkon
Edet|Edet|Edeth
Umar|Umar|Omar
Abdullahi|Abdullahi|Abdullah
Ojo|Ojo|Ojoh
Ogbonna|Ogbonna|Ogbona
Balogun|Balogun|Ballogun
Afolabi|Afolabi|Afolaby
Ajayi|Ajayi|Ajai
Omoregie|Omoregie|Omoregbe
Nwankwo|Nwankwo|Nwankow
Olawale|Olawale|Olawaleh
Ibe|Ibe|Ibeh
Sani|Sani|Saani
Garba|Garba|Gharba
Danjuma|Danjuma|Danjumah
Okorie|Okorie|Okori
Effiong|Effiong|Efiong
Bassey|Bassey|Basey
Akpan|Akpan|Akpaan
Etim|Etim|Ettim""",
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
Richter|Richter|Richtor
Schäfer|Schäfer|Schaefer;Schafer
Bauer|Bauer|Baur
Klein|Klein|Kleine
Wolf|Wolf|Wolff
Schröder|Schröder|Schroeder;Schroder
Neumann|Neumann|Naumann
Schwarz|Schwarz|Schwartz
Zimmermann|Zimmermann|Zimmerman
Braun|Braun|Brawn
Krüger|Krüger|Krueger;Kruger
Hartmann|Hartmann|Hartman
Lange|Lange|Lang
Werner|Werner|Verner
Schmitz|Schmitz|Schmits
Krause|Krause|Kraus
Lehmann|Lehmann|Lehman
Schulze|Schulze|Schultze
Köhler|Köhler|Koehler;Kohler
Herrmann|Herrmann|Hermann
König|König|Koenig;Konig
Walter|Walter|Walther
Huber|Huber|Hueber
Kaiser|Kaiser|Kayser
Fuchs|Fuchs|Fuks
Scholz|Scholz|Scholtz
Möller|Möller|Moeller;Moller
Weiß|Weiß|Weiss;Weis
Jung|Jung|Junge
Hahn|Hahn|Han
Vogel|Vogel|Fogel
Keller|Keller|Keler
Günther|Günther|Guenther;Gunther""",
    "NL": """de Jong|de Jong|De Jong;Jong
Jansen|Jansen|Janssen
de Vries|de Vries|De Vries;Vries
van den Berg|van den Berg|Van den Berg;van der Berg
van Dijk|van Dijk|Van Dyk;van Dyke
Bakker|Bakker|Baker
Visser|Visser|Vissers
Smit|Smit|Smith
Meijer|Meijer|Meyer
Bos|Bos|Bosch
Vos|Vos|de Vos
Peters|Peters|Pieters
Hendriks|Hendriks|Hendrickx;Hendrix
van Leeuwen|van Leeuwen|Van Leeuwen;Leeuwen
Dekker|Dekker|Decker
Brouwer|Brouwer|Brower
de Wit|de Wit|De Wit;de Witt
Dijkstra|Dijkstra|Dykstra
Smits|Smits|Smids
de Graaf|de Graaf|De Graaf;de Graaff
Mulder|Mulder|Mulders
de Boer|de Boer|De Boer;Boer
Kok|Kok|Kock
van der Meer|van der Meer|Van der Meer;van de Meer
van der Linden|van der Linden|Van der Linden;Linden
Verhoeven|Verhoeven|Verhoef
Willems|Willems|Willemse
van der Heijden|van der Heijden|Van der Heyden;van der Heiden
Schouten|Schouten|Schoute
Jacobs|Jacobs|Jakobs
van Beek|van Beek|Van Beek;Beek
Hoekstra|Hoekstra|Hoeksta
Koster|Koster|Köster
Prins|Prins|Prince
Postma|Postma|Posthuma
Kuipers|Kuipers|Kuiper
de Haan|de Haan|De Haan;Haan
Huisman|Huisman|Huismann
van Vliet|van Vliet|Van Vliet;Vliet""",
    "IT": """Rossi|Rossi|Rosi
Russo|Russo|Ruso
Ferrari|Ferrari|Ferari
Esposito|Esposito|Exposito
Bianchi|Bianchi|Bianki
Romano|Romano|Romanò
Colombo|Colombo|Colombò
Ricci|Ricci|Rici
Marino|Marino|Marini
Greco|Greco|Grecco
Bruno|Bruno|Bruni
Gallo|Gallo|Galo
Conti|Conti|Konti
De Luca|De Luca|Deluca;De Lucca
Mancini|Mancini|Mancinni
Costa|Costa|Kosta
Giordano|Giordano|Giordani
Rizzo|Rizzo|Rizo
Lombardi|Lombardi|Lombardo
Moretti|Moretti|Moreti
Barbieri|Barbieri|Barberi
Fontana|Fontana|Fontanna
Santoro|Santoro|Santori
Mariani|Mariani|Marianni
Rinaldi|Rinaldi|Rinaldo
Caruso|Caruso|Carusso
Ferrara|Ferrara|Ferara
Galli|Galli|Gali
Martini|Martini|Martinni
Leone|Leone|Leoni
Longo|Longo|Longhi
Gentile|Gentile|Gentili
Martinelli|Martinelli|Martineli
Vitale|Vitale|Vitali
Serra|Serra|Sera
Coppola|Coppola|Copola
De Santis|De Santis|DeSantis;De Sanctis
D'Angelo|D'Angelo|DAngelo;D Angelo
Marchetti|Marchetti|Marketti
Parisi|Parisi|Parrisi""",
    "GB": """Smith|Smith|Smyth
Jones|Jones|Jone
Williams|Williams|Willams
Taylor|Taylor|Tailor
Brown|Brown|Browne
Davies|Davies|Davis
Evans|Evans|Evens
Wilson|Wilson|Willson
Thomas|Thomas|Tomas
Johnson|Johnson|Jonson
Roberts|Roberts|Robert
Walker|Walker|Walkers
Wright|Wright|Right
Robinson|Robinson|Robison
Thompson|Thompson|Thomson
White|White|Whyte
Hughes|Hughes|Hughs
Edwards|Edwards|Edward
Green|Green|Greene
Hall|Hall|Halle
Wood|Wood|Woods
Harris|Harris|Harriss
Lewis|Lewis|Louis
Martin|Martin|Martyn
Jackson|Jackson|Jakson
Clarke|Clarke|Clark
Turner|Turner|Turnor
Hill|Hill|Hills
Scott|Scott|Scot
Cooper|Cooper|Couper
Morris|Morris|Morriss
Ward|Ward|Warde
Moore|Moore|More
King|King|Kings
Watson|Watson|Wattson
Baker|Baker|Backer
Harrison|Harrison|Harison
Morgan|Morgan|Morgen
Patel|Patel|Patell
Young|Young|Younge
Allen|Allen|Allan
Mitchell|Mitchell|Mitchel""",
}

# -- Generated surname tails ----------------------------------------------------------------
# After each hand-written head comes a long tail built from the country's own surname
# morphology (stems x suffixes, or compound parts), shuffled with a fixed seed, so surname
# frequencies have a realistic head of common names and a long thin tail of rare ones.
# Cyrillic tails are written in Cyrillic and romanised by the official national system.

_UA_STEMS = """
Іван Петр Степан Роман Мартин Данил Васил Гаврил Кирил Михайл Павл Семен Федор Тарас Гнат
Яким Максим Назар Остап Прокоп Тимош Харитон Антон Кузьм Ярем Клим Дем Мирон Сидор Сав Лес
Гриц Дмитр Пилип Охрім Ігнат Марк Панас Карп Ярош Дорош Герасим Нестер Влас Юхим Тим Осип
Трохим Кіндрат Лаврин Ничипор Богдан Олекс Хом Яц Стец Микит Фед Онищ Тищ Грищ Ляш Пащ Ющ
Опанас Оліфір Юр Кост Артем Борис Вакул Кондрат Логвин Макар Мин Никифор Омелян Пархом
Потап Самійл Свирид Тихон Улас Устим Фес Филон Ярмол Захар Лукаш Євтуш Андрій Гордій Матвій
Сергій Мусій Тимофій Бой Гай Давид Адам Якуб Сафрон Терещ Луц Симон Палій Коломий
Бондар Ковал Ткач Гончар Пономар Кушнір Столяр Тесл Лимар Кухар Скляр Ковтун Гумен Литвин
Мороз Голуб Дуб Біл Чорн Лис Руд Бут Лев Сір Мал Дід Кос Мар Мельнич Мірошнич Шевч Кравч
Вовч Зайч Сороч Гребен Шаповал Слюсар Чумач Козач Ковбас Гуцал Довгал Зелен Сух Дяч Поп
Волин Полтав Черн Радч Марч Левч Юрч Гринч Савч Демч Ільч Тимч Панч Зінч Олійнич Кобзар
Чабан Вівчар Косар Абрам Мойсей Бабій Сенч Явор Баб Гарасим Паламар Дзюб Головч Костюч
Гаврищ Собол Рибал Михал Олексій Юрій Онуфрій Корній
"""
_UA_ENDINGS = "енко ченко чук ук як ишин ів ович овський ицький ський ець ко ик"

_BG_STEMS = """
Иван Петр Георги Димитр Никол Христ Стоян Тодор Или Атанас Ангел Васил Петк Кол Йордан Михайл
Стефан Александр Кост Марин Павл Младен Кир Янк Сто Цветк Станч Генч Костадин Дим Пен Ган
Желязк Лазар Мит Спас Рад Слав Вълч Манол Андон Антон Асен Аврам Алекси Андре Балч Бач
Благо Божил Бож Бой Бон Бонч Борис Боч Бран Велик Велин Вел Велч Вен Влад Вълк Гач Ганч Ген
Геч Гоч Горан Гош Гроз Груй Гюр Дамян Дан Данаил Дач Дел Ден Денч Деч Добр Донч Дон Дойн Евстати
Евтим Емил Енч Жек Жел Жеч Живк Захари Здравк Злат Игнат Илк Илч Йосиф Йот Йонч Калин Камен
Кан Кирил Коч Кръст Крум Кузман Кънч Лал Лил Лич Лозан Любен Любомир Малин Ман Манч Марк
Методи Мик Милен Мил Миш Мин Минч Мирч Момчил Монч Найден Нач Нед Неделч Недялк Нен Ненч
Никифор Огнян Паун Пан Панайот Панк Първан Пей Пенч Печ Пламен Продан Рач Раш Райк Райч Рай
Рангел Рус Румен Сав Серафим Симеон Сим Славч Сотир Спир Стамат Стамен Стан Стоимен Стоил
Стой Страхил Тач Танч Тан Тенч Тен Том Тон Тонч Тот Точ Тош Траян Трендафил Трифон Филип Цан
Цвятк Цветан Цек Цен Цон Цоч Чавдар Юрдан Янаки Ян Ясен Борислав Велислав Владислав Драгомир
Красимир Мирослав Радослав Станимир Тихомир Цветомир Добромир Богомил Венцислав Станислав
Ярослав Ковач Кираджи Бояджи Куюмджи Налбант Чакър Бакърджи Чобан Овчар Мутафчи Абаджи Табак
Калайджи Чорбаджи Арнауд Гърк Влах Бъчвар Грънчар Кожухар Дюлгер Зидар Касаб Даскал Калф
Терзи Бакал Казанджи Сараф Дякон Бербер Чизмар Ханджи Тютюнджи Гайдар Сокол Сив Бел Черн
Гълъб Явор Дрян Полян Цвет Млад Кмет Цар Крал Войвод Мед Бук Дъб Бор Бот Ваз Каравел
Славейк Дебелян Боб Бобч Геш Доч Кун Меч Паш Шишк Шоп Гюзел Кацар Кафеджи Тенекеджи Бозаджи
Симитчи Аргир Ставри Панд Лефтер Вангел Мавроди Хубен Тас Съби Пирон Райн Конд Кръстан Делч
Данк Дянк Недк Радк Славк Станк Цанк Цонк Денк Минк Велк Чолак Топал Кьосе Узун Кючук Балабан
Каракаш Шишман Чапкън Бахчеван Кабакчи Кундураджи Сапунджи Семерджи Чешмеджи Маджар Пехливан
Юрук Куцар Кривоши Шаламан Бурм Фъртун Маринк Гърб Гюл Дечк Кузм Пърл Стаменк Чан Чон Шиш
"""
#: Whole surnames outside the stem patterns: Bulgarian Turks' and place-name (-ски) surnames.
_BG_WHOLE = """
Мехмедов Ахмедов Хасанов Алиев Юсеинов Мустафов Исмаилов Ибрямов Османов Хюсеинов Шабанов
Еминов Реджепов Салиев Байрямов Кадиев Рилски Пирински Балкански Родопски Търновски Софийски
Планински Дунавски Тракийски Витошки Охридски Преславски Самоковски Панагюрски Габровски
Карловски Сливенски Ямболски Врачански Видински Плевенски Шуменски Варненски Котленски
Разложки
"""
#: Names that also take the Поп- (priest's), Хаджи- (pilgrim's) and Кара- (dark) prefixes.
_BG_PREFIXED = "Иван Георги Стоян Христ Петр Никол Димитр Тодор Васил Атанас Стефан Ангел Михайл"

_RS_ROOTS = """
Jov Petr Mark Nik Stoj Stan Pavl Mil Rad Drag Bog Ljub Živ Ned Vel Dobr Tom Luk Mih Sim Sav
Laz Krst Mitr Iv Đorđ Zor Gor Bran Vas Tod Stef Ćir Rist Bož Vuk Ran Mat Jan Per Đur Pej Rak
Vid Vlaj Vuj Mir Mlad Spas Traj Zdrav Aleks Andr Boj Dej Dim Đok Žar Zlat Jakš Jevt Jel Jok
Lal Lek Miš Nov Pant Sek Tas Cvet Čol Ćos Šar Grb Krun Slav Teš Mrkš Stev Bab Bak Bel Bjel
Dak Gruj Kos Mij Mik Mić Raj Trip Vuč Žik Pet Mit Pop Milj Đurđ Prod Radm Ban Bijel Cvij Dač
Daš Din Jer Kal Koj Maks Min Neš Paj Pav Tad Ognj Nin Sar Ves Vlad Vojn Vran Zar Bor Bud Ćur
Kok Stam Stoš Dun Kneg Lap Mak
"""
_RS_ROOT_ENDINGS = "ić ović ković ičić ičević anović"
#: Suffixes only some roots take: Radojević, Milošević, Miletić, Radenković.
_RS_RARE = {
    "ojević": "Rad Mil Stan Vuk Drag Bog Bran Vel Dobr Ljub",
    "ošević": "Rad Mil Vuk Drag Bog",
    "etić": "Mil Rad Vuk Jov Stan Drag Ned Mat",
    "enković": "Rad Mil Stan Drag Vel Zlat",
    "enović": "Rad Mil Drag",
}
_RS_NAMES = """
Adam Avram Aćim Arsenij Andrij Antonij Blagoj Bogdan Bojan Božidar Budimir Gavril Ignjat
Maksim Marin Milutin Momčil Nenad Novak Paun Radoj Radul Ranđel Sreten Stamen Trifun Uroš
Veselin Vukašin Dragutin Vukadin Živan Milen Raden Ljubin Vojin Milovan Radovan Radosavlj
Milosavlj Radomir Dragomir Velimir Tihomir Ljubomir Živojin Dobrivoj Milivoj Radivoj Vidoj
Spasoj Stanoj Petronij Jevrem Joksim Obrad Gligorij Kuzman Kovač Knež Vlah Grk Bošnjak Dimitrij
Jelen Zlatan Tanasij Rajak Jakovlj Vasilj Danil Despot Mihail Nikodij Prodan Radmil Stojadin
Todosij Vlastimir Stanimir Bratislav Miodrag Srećk Ratk Božidar Gojk Nedeljk Aranđel
Dobrosavlj Gvozden Milin Miladin Milorad Mirosavlj Radisavlj Stanisavlj Tešan Vidak Vukoman
Ljubisavlj Bogosavlj Vukosavlj
"""
#: Surnames outside the patterns, and Hungarian ones in Serbian spelling (Vojvodina).
_RS_WHOLE = """
Pantelić Sekulić Ostojić Jeremić Dabić Stojiljković Perišić Bjelica Kecman Nađ Kiš Tot Sabo
Horvat Molnar Varga Balog Farkaš Takač Nemet Pap Kalmar Čonka
"""

_RO_NAMES = """
Ion Petr Pavel Tudor Manol Iord Anghel Bucur Vlad Dragomir Stoian Flor Costin Barb Neag
Grigor Cozm Balan Crist Filip Iacob Sand Din Opr Dobr Lup Urs Negr Alb Pop Rad Stan Dumitr
Gheorgh Mihail Constantin Marin Nicol Vasil Andr Avram Calin Dan Dimitr Gavril Ianc Lazar
Luc Marc Mirc Nistor Pred Sav Sim Stoic Tom Tanas Voic Zahar Achim Adam Anton Aron Brat
Cazac Corb Dascal Diacon Dobrin Dragan Farcas Frunz Leon Lung Man Mocan Nedel Nit Pan Parv
Rus Sarb Serban Surd Zamfir Bogd Burlac Chiril Coman Dinc Enach Ghit Gog Grozav Hulub Ilin
Iorg Iosif Istrat Lascar Mat Micl Mitr Neac Onofr Pasc Patr Paun Porumb Preot Raic Stam Stef
Stoen Strat Suc Talp Tanc Teodor Tic Tim Toader Tran Turc Vint Visan Vlas Voin Gros Mic Bun
Cret Vulp Corn Cerb Brad Soim Cuc Trandafir Ciucur Bratu Gavr Olt Lupas Sandr Simion Grad
Tatar Nan Bejan Beldim Bot Burc Ciorb Dutc Fulg Hart Ivasc Mardar Nastas Nechit Oros Pintil
Rotund Sarac Sterp Tarc Ursac Vidr Apostol Andron Anastas Miron Mois Roman Sor Todor Trif
Pleș Dragh Oan Ispas Cârst Giurg Ivan Mușat Neacș Mihal Cost Bob Cazan Petc Tudos Udr Stanc Gheb
Lambr Mărgin En Nic Bad Ban Chiriac Crăciun David Isac Mog Paraschiv Ciur Hor Ghin Văduv
Stoican Iordan Solomon Gherasim Ilinc Vlaic Boboc Manc Gherghe Mitro
"""
_RO_NAME_ENDINGS = "escu eanu ache oiu ovici ică aș ulescu"
#: Stems that take -ovici (Popovici, Iacobovici); the rest would look Serbian.
_RO_OVICI = """
Pop Petr Ivan Vasil Iacob Lazar Marc Stan Sim Tom Mitr Dimitr Gavril Andron Filip Teodor Avram
Adam Aron Mois Grigor Nicol Pavel
"""
#: Places whose people are -an as well as -ean(u): Mureșan, Moldovan.
_RO_PLACES_AN = "Mureș Lugoj Criș Someș Moldov Timiș Zărand Banaț"
_RO_TRADES = """
Morar Rotar Olar Cojocar Croitor Fierar Ciobotar Butnar Dulgher Păcurar Văcar Plugar Pescar
Zidar Căprar Lemnar Stolar Tâmplar Curelar Ciurar Căldărar Pietrar Săpunar
"""
_RO_PLACES = """
Munt Ardel Olt Moldov Ungur Bucovin Craiov Prahov Vâlc Brăil Mehedinț Gorj Dobrog Codr Pădur
Lunc Câmp Văl Bălț Vlășc Argeș Săl Banaț Hațeg Severin Dunăr Brașov Câmpin Făgărăș Gălăț Ieș
Pitești Ploiești Sucev Tulc Vaslui Bârlăd Botoșăn Caracal Dej Turd Rucăr Bistriț Ialomiț Vrânc
Nemț Jian Pruț Siret Mureș Someș Criș Dumbrav Vâlsan Lugoj Timiș Zărand Chioar Maramureș
"""
_MD_NAME_ENDINGS = "escu eanu ache ovici iuc ciuc enco aș"
_MD_TRADES = """
Morar Rotar Botnar Cebotar Cojocar Bondar Ponomar Stolear Olar Pescar Fierar Butnar Rimar
Lemnar Gonciar Ciubotar Pălimar Dogar
"""
_MD_TRADE_ENDINGS = "u i enco ciuc"
#: Moldovan surnames outside the patterns: nicknames, origins, Ukrainian and Russian loans.
_MD_WHOLE = """
Rusnac Lipcanu Tătaru Grecu Turcu Sârbu Cazacu Chirtoacă Gonța Bîrcă Țâbîrnă Zgardan Volosciuc
Cușnir Procopciuc Hîncu Negară Pînzari Scutaru Spînu Ciubuc Bejenaru Cucoș Mîndru Ghimpu
Plămădeală Lozan Creangă Bostan Frunză Busuioc Gheorghiță Oprișan Chicu Godorogea Buzu
"""

_IT_STEMS = """
Ross Bianc Ner Gall Bell Bon Buon Ferr Fabbr Sart Mart Marin Barb Bernard Capp Car Castell
Colomb Cost Franc Giann Giord Grass Lomb Manc Mass Mazz Mor Pell Ricc Rinald Rizz Rom Sant
Serr Angel Bald Bert Brun Camp Carl Donat Fior Fontan Gent Giacom Guid Lazz Leon Marc Michel
Mont Nard Negr Nicol Orland Pagan Palm Paol Pasqual Rocc Russ Salv Simon Spin Stef Tommas
Ventur Vill Zan Alber Amat Bass Benedett Bocc Bort Brand Buzz Calv Cann Carr Cass Cecc Cerv
Ciamp Conc Cors Crist Dond Fanell Farin Fav Ferrar Fin Forn Fran Gabr Gaspar Ghir Grill Guerr
Iann Lanz Lucc Magn Mal Manfred Mann Marz Mazzol Merl Migl Mol Moscat Nan Nardell Orsin Pacc
Pagn Pal Pantal Parr Pasc Pett Piccol Pin Pizz Pol Prat Puglies Rand Ranier Rav Rot Rugger
Sacc Sal Sald Sang Sard Scarp Scott Sorr Spad Stell Tar Tedesc Tess Tonin Torr Tozz Trev Turc
Vacc Valent Vann Vecc Verd Vian Vitt Zamb Zucc
"""
_IT_ENDINGS = "i o elli etti ini ino one oni ucci azzi otti ardi ello"

_DE_FIRST = """
Acker Bach Baum Berg Birken Blumen Brand Brunnen Busch Eich Eisen Engel Feld Fried Gold Grün
Gut Hart Heil Hirsch Hoch Hof Holz Horn Kalt Kirch Klein Kreuz Lang Lichten Lieb Linden Löwen
Neu Ober Ost Reich Rosen Roth Sand Schön Schwarz Sommer Sonnen Stein Stern Wald Weiß Wein
Wiesen Winter Mühl Stock Stahl Tann Buch Kohl Dorn Moos Stroh Haus Unter Hinter Nieder
"""
_DE_SECOND = """
mann berg bach feld hof horn stein thal wald burg dorf hausen meier bauer schmidt müller brink
bruch busch kamp reiter huber hauser berger felder steiner gruber moser lechner mayr brunner
hofer wieser mayer beck hammer schneider gärtner heim
"""

_NL_PARTICLED = {
    "van": """Dijk Beek Leeuwen Vliet Wijk Rijn Schaik Loon Dam Eijk Doorn Putten Haren Zanten
        Veen Berkel Dongen Hulst Bergen Brakel Oosten Ommen Rossum Velzen Vugt Wees Gils Tol
        Essen Amstel Hoorn Zwol Kampen Ginkel Asten Delft Hattem Mierlo Tilburg Woerden""",
    "van der": """Meer Linden Heijden Veen Wal Laan Horst Molen Zee Sluis Meulen Vaart Heide Poel
        Wiel Pol Kolk Werf Steen Zande Velden Maas Ploeg Stok Plas Ham Hoeven""",
    "van den": """Berg Bosch Brink Heuvel Hoek Broek Akker Hout Eijnde Bogaard Dungen Oever Boom
        Bergh Born Hurk Bremer""",
    "van de": """Velde Kamp Laar Wetering Weide Graaf Water Ven Goor Put Sande Vegt Wouw Beek
        Riet Pavert Kerkhof Voort""",
    "de": """Wit Groot Bruin Bruijn Kok Lange Klerk Ridder Koning Wolf Rooij Leeuw Beer Mol Waal
        Zwart Heer Kruijf Valk Visser Winter Kort Vries Jager Meijer Hoog Goede Lint Roos Ruiter
        Smet Swart Vlieger Wilde""",
    "ter": "Horst Haar Brugge Beek Meulen Steege Weele Borg Hofstede Maat",
    "ten": "Brink Cate Have Hove Bosch Berge Dam Kate Napel Voorde",
}
_NL_FRISIAN = """
Dijk Hoek Veen Wiel Post Hof Zijl Bos Kamp Sjoerd Tjeerd Jelle Sietse Rinse Hylke Sikke West
Boon Zand Hoog Wier Hiem Fenne Brouwer Ype Haring Douwe Holt Bakker Bonne Fokke Tjalle Wybe
"""
_NL_FRISIAN_ENDINGS = "stra sma ma inga"
_NL_PATRON = """
Jan Pieter Hendrik Gerrit Claas Willem Dirk Jacob Maarten Arend Wouter Evert Albert Lambert
Reinier Teunis Thijs Joris Adriaan Huib Klaas Gijs Harm Lucas Floris Egbert Berend Roelof
Gert Frans Joost Bart Simon Rutger Wessel Gerard Herman Martijn Janus Cornelis
"""
_NL_FIRST = """
Nij Kamp Hof Holt Oost West Zuid Noord Ooster Wester Groot Klein Brink Vos Hoog Veen Wolter
Ever Huls Bos Dijk Berg Kerk Molen Zand Wit Zwart Steen Linde Bruin Rade Ebbe Temme Scholte
Meule Blom Lange Groen Over Achter Boven Hage Roze Eik Wijn Maas Kort Ros Vree Oude Stok Veld
"""
_NL_SECOND = """
huis hof kamp man mans ink horst veld beek broek meijer dijk berg wijk boer burg ing holt
kate brug water bosch hout hoek werf molen kerk laar haar daal land veen meer dam zand sloot
geest
"""

_GB_FIRST = """
Ash Black Brad Brook Cold Cross East Fair Green Hart Hay Holl King Lang Mid Mill North Oak Red
Rock Sand Stan Stock South Thorn Wal West White Whit Wood Ald Bur Hal Har Lin Ox Brom Crom Dun
Elm Gold Kirk Mar Moor New Pen Rad Rams Brough Chad Coll Dal Fal Hather Wake Wen Went
"""
_GB_SECOND = """
by den field ford ham hurst ley more ridge shaw stone ton well wick worth wood cliffe brook
dale land cott combe gate hill low mere bury thorpe stead burn wright man ward
"""
#: Patronyms: name + son (Richardson) and name + s (Richards).
_GB_PATRON_SON = """
Richard Robert Robin Dick Wilkin Hopkin Tom Will Davi Steven Peter Harri Gib Nel Jack Dob Hud
Ander Rob Daw Nichol Gil Patter Simp Wat Adam Hodg Mat Jeff Edward Paul Ben Jame Pear Law
Gilbert Fergu Dawk Ting Emer Stephen Tho Ed Wil Sander
"""
_GB_PATRON_S = """
Richard Robin Wilkin Hopkin Watkin Perkin Jenkin Will Steven Peter Nichol Adam Phillip Edward
Walter Jame Matthew Simon Collin Owen Dawkin Tomkin Hawkin Parson Giles Lamb Rowland Batt
"""
_GB_TRADES = """
Carter Fletcher Fisher Hunter Mason Parker Potter Shepherd Slater Spencer Thatcher Webb
Butler Chapman Cook Dyer Fowler Gardner Glover Harper Hayward Lister Marshall Miller Palmer
Porter Sawyer Skinner Stewart Tanner Tucker Weaver Brewer Barker Bishop Bailey Knight Page
Reeve Squire Abbott Archer Bowman Chandler Cotter Draper Falconer Farmer Forester Goodman
"""

_NG_YORUBA = (
    "Ade Ola Olu Oluwa Ayo Akin Ogun Oye Fola Oba Omo Oyin Ife Aje Eni Oso Ala Oni Abi Adu Oke"
    " Fa Osun Ode Ibi Owo Ojo Ire",
    "yemi bayo tunde kunle wale femi dele sola mide tola kola seun bisi biyi bola dayo diran"
    " doyin dokun jobi labi lana leye mola niyi sanya toye wumi yinka yomi kanmi gbite goke jumo"
    " lowo wunmi toro bowale banji sina siyan oye oti lakun tayo gboye gbola wusi lola rinde",
)
_NG_IGBO = (
    "Nwa Eze Obi Chukwu Chi Ike Nna Uche Ugo Onye Ama Udo Oko Ndu Ibe Ani Mba Oji Ozo Nwo Okwu"
    " Ugwu Agu Anya Onwu Ekwe",
    "chukwu nna nwa emeka eze oma dike ora ebube udo nkwo afor orie eke ugo obi ozo kwe agu ogu"
    " uba ike ebuka emena ocha kelu nachi nedu anyi nwu ka eme buzo",
)
_NG_EDO = (
    "Osa Omo Igbin Ehi Ogie Ize Eghe Oghe Iye",
    "gie ghae ruyi zuwa diamen mwonyi osa oba ator regie mwen hon giator rumwen",
)
#: Hausa, Fulani, Efik and Ibibio surnames, mostly patronyms that have no compound pattern.
_NG_WHOLE = """
Abubakar Bello Sani Garba Danjuma Lawal Suleiman Idris Haruna Shehu Jibril Adamu Ismaila
Yakubu Musa Ahmed Kabiru Nuhu Tanko Audu Dauda Isah Yahaya Bala Danladi Danbaba Danazumi
Gambo Maikudi Dikko Buhari Jega Okon Edet Effiong Bassey Etim Udoh Ekpo
Inyang Asuquo Essien Umoh Ita Archibong Ekanem Otu Eyo Henshaw Duke Nsa Okpo Ukpong Udofia
"""


def _translit(word: str, table: dict[str, str], first: dict[str, str] | None = None) -> str:
    """Letter-by-letter romanisation of a lower- or title-case word, keeping title case."""
    low = word.lower()
    out = [(first or {}).get(low[0], table.get(low[0], low[0]))] if low else []
    out += [table.get(ch, ch) for ch in low[1:]]
    text = "".join(out)
    return text[:1].upper() + text[1:]


def _letters(script: str, latin: str) -> dict[str, str]:
    """Letter → romanisation table from a string of letters and their spaced spellings."""
    return {k: v.strip("_") for k, v in zip(script, latin.split(), strict=True)}


# Ukrainian: the 2010 national system (passports) and two spellings met in foreign records.
_UK_KMU = _letters(
    "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'",
    "a b v h g d e ie zh z y i i i k l m n o p r s t u f kh ts ch sh shch _ iu ia _",
)
_UK_KMU_FIRST = _letters("єїйюя", "ye yi y yu ya")  # at the start of a word
_UK_POPULAR = {**_UK_KMU, **_UK_KMU_FIRST}
_UK_GERMAN = {**_UK_KMU, **_letters("вєжзїйхцчшщюя", "w je sh s ji j ch z tsch sch schtsch ju ja")}
# Bulgarian: the 2009 Streamlined System, and the older French/German-style spelling.
_BG_STREAMLINED = _letters(
    "абвгдежзийклмнопрстуфхцчшщъьюя",
    "a b v g d e zh z i y k l m n o p r s t u f h ts ch sh sht a y yu ya",
)
_BG_LEGACY = {**_BG_STREAMLINED, **_letters("ъжцхйюя", "u j tz kh i iu ia")}
# Serbian: Latin and Cyrillic map one to one (lj, nj and dž are single Cyrillic letters).
_SR_CYRILLIC = dict(zip("abcčćdđefghijklmnoprsštuvzž", "абцчћдђефгхијклмнопрсштувзж", strict=True))
_SR_DIGRAPHS = {"lj": "љ", "nj": "њ", "dž": "џ"}
_SR_ASCII = str.maketrans(
    {
        "č": "c",
        "ć": "c",
        "š": "s",
        "ž": "z",
        "đ": "dj",
        "Č": "C",
        "Ć": "C",
        "Š": "S",
        "Ž": "Z",
        "Đ": "Dj",
    }
)
_SR_ENGLISH = str.maketrans(
    {
        "č": "ch",
        "ć": "ch",
        "š": "sh",
        "ž": "zh",
        "đ": "dj",
        "Č": "Ch",
        "Ć": "Ch",
        "Š": "Sh",
        "Ž": "Zh",
        "Đ": "Dj",
    }
)

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


def _sr_cyrillic(latin: str) -> str:
    """Serbian Latin → Serbian Cyrillic (exact: the two alphabets map one to one)."""
    low, out, i = latin.lower(), [], 0
    while i < len(low):
        pair = low[i : i + 2]
        if pair in _SR_DIGRAPHS:
            out.append(_SR_DIGRAPHS[pair])
            i += 2
        else:
            out.append(_SR_CYRILLIC.get(low[i], low[i]))
            i += 1
    word = "".join(out)
    return word[:1].upper() + word[1:]


def _words(block: str) -> list[str]:
    return block.split()


_UK_VOWELS = frozenset("аеєиіїоуюя")
_UK_HUSHING = frozenset("чшщжц")
_UK_VELAR = frozenset("кгґх")


def _trailing_consonants(stem: str, vowels: frozenset[str]) -> int:
    n = 0
    while n < len(stem) and stem[-1 - n] not in vowels:
        n += 1
    return n


def _ua_join(stem: str, end: str) -> str | None:
    """A Ukrainian surname from a stem and a suffix, or None where they do not fit."""
    last = stem[-1]
    if end[0] in _UK_VOWELS:
        if last == "й":  # Андрій + енко → Андрієнко; й takes no other vowel suffix
            return stem[:-1] + "єнко" if end == "енко" else None
        if end == "ук":  # Гнатюк, Мартинюк but Петрук, Ткачук
            if last in "лнтсдзц":
                end = "юк"
            elif last not in "ршщчж":
                return None
        if end == "як" and last not in "лнтсдзц":
            return None
        if last in _UK_HUSHING:
            if end in ("овський", "ицький", "ець"):
                return None
            if end == "ович":
                end = "евич"
        if end in ("ицький", "ик") and last in _UK_VELAR:
            return None
        return stem + end
    # a consonant suffix needs a stem ending in one consonant: Бойко, Ковальчук, Зеленський
    if _trailing_consonants(stem, _UK_VOWELS) != 1 or last in _UK_VELAR or last == end[0]:
        return None
    if last in "чщжц" or (last == "ш" and end != "ко"):
        return None
    if end == "ський" and last not in "нлр":
        return None
    if end[0] == "ч" and last not in "нлрмвбпй":
        return None  # Іванчук, Бойчук, but Борисюк rather than Борисчук
    if end == "ко" and last in "дтцсзн":
        end = "ько"  # Федько, Грицько
    return stem + ("ь" if last == "л" and end[0] in "чс" else "") + end


def _ua_tail() -> list[tuple[str, str, list[str]]]:
    out = []
    for stem in _words(_UA_STEMS):
        for end in _words(_UA_ENDINGS):
            native = _ua_join(stem, end)
            if native:
                latin = _translit(native, _UK_KMU, _UK_KMU_FIRST)
                alts = [_translit(native, _UK_POPULAR), _translit(native, _UK_GERMAN)]
                out.append((latin, native, alts))
    return out


_BG_VOWELS = frozenset("аеиоуъюя")
_BG_SOFT = frozenset("йчжшщц")


def _bg_forms(stem: str) -> list[str]:
    """Bulgarian surnames from one stem: -ов/-ев, and for short names -чев, -ков and others."""
    last, syllables = stem[-1], sum(ch in _BG_VOWELS for ch in stem.lower())
    if last in _BG_VOWELS:  # Георги → Георгиев, Сто → Стоев, Андре → Андреев
        return [stem + "ев"]
    if last == "й":  # Бой → Боев, Бойчев, Бойков
        return [stem[:-1] + "ев", stem + "чев", stem + "ков"]
    if last in _BG_SOFT or stem.endswith("дж"):
        return [stem + "ев"]
    forms = [stem + "ов"]
    if syllables == 1 and _trailing_consonants(stem, _BG_VOWELS) == 1 and last not in "кгх":
        forms.append(stem + "ков")  # Пен → Пенов, Пенков, Пенев, Пенчев
        if last in "лнтдзс":
            forms.append(stem + "ев")
        if last in "лнрм":
            forms.append(stem + "чев")
    return forms


def _bg_tail() -> list[tuple[str, str, list[str]]]:
    natives = [form for stem in _words(_BG_STEMS) for form in _bg_forms(stem)]
    natives += _words(_BG_WHOLE)
    for stem in _words(_BG_PREFIXED):
        base = _bg_forms(stem)[0].lower()
        natives += [prefix + base for prefix in ("Поп", "Хаджи", "Кара")]
    out = []
    for native in natives:
        latin = _translit(native, _BG_STREAMLINED)
        alts = [latin[:-1] + "ff"] if latin.endswith(("ov", "ev")) else []
        out.append((latin, native, [*alts, _translit(native, _BG_LEGACY)]))
    return out


_RS_VOWELS = frozenset("aeiou")
_RS_SOFT = ("j", "č", "ć", "š", "ž", "đ", "c", "lj", "nj", "dž")


def _rs_join(stem: str, end: str) -> str | None:
    """A Serbian surname from a root and a suffix (-ović turns -ević after a soft consonant)."""
    soft = stem.endswith(_RS_SOFT)
    if soft and end not in ("ić", "ović", "ković", "ičić", "ičević", "anović"):
        return None
    if end == "ović" and soft:
        end = "ević"
    if end == "ković" and (_trailing_consonants(stem, _RS_VOWELS) != 1 or stem[-1] in "kghcčćšžđ"):
        return None
    return stem + end


def _rs_tail() -> list[tuple[str, str, list[str]]]:
    latins = [
        w
        for stem in _words(_RS_ROOTS)
        for end in _words(_RS_ROOT_ENDINGS)
        if (w := _rs_join(stem, end))
    ]
    for stem in _words(_RS_NAMES):  # Bogdanović, Arsenijević; Milenković
        latins.append(_rs_join(stem, "ović") or "")
        if stem.endswith(("en", "in")) and sum(ch in _RS_VOWELS for ch in stem) == 2:
            latins.append(stem + "ković")
    latins += [stem + end for end, stems in _RS_RARE.items() for stem in _words(stems)]
    latins += _words(_RS_WHOLE)
    return [
        (w, _sr_cyrillic(w), [w.translate(_SR_ASCII), w.translate(_SR_ENGLISH)])
        for w in latins
        if w
    ]


_RO_VOWELS = frozenset("aeiouăâîAEIOUĂÂÎ")


def _ro_join(stem: str, end: str) -> str | None:
    """A Romanian surname from a name stem and a suffix, or None where they do not fit."""
    syllables = sum(ch in "aeiouăâî" for ch in stem.lower())
    if end == "ulescu" and syllables > 1:
        return None  # Rădulescu, Niculescu, Mărculescu
    if end == "ovici" and stem not in _words(_RO_OVICI):
        return None
    if end in ("oiu", "iuc", "ciuc", "enco") and syllables > 1:
        return None  # Popoiu, Radoiu; Gavriliuc is in the head
    if end in ("ică", "aș") and syllables > 2:
        return None  # long names keep the plain -escu / -eanu / -ache
    if end == "ciuc" and (stem[-1] in "cșțjz" or _trailing_consonants(stem, _RO_VOWELS) > 1):
        return None
    return stem + end


def _ro_tail(country: str) -> list[tuple[str, str, list[str]]]:
    name_endings = _words(_MD_NAME_ENDINGS if country == "MD" else _RO_NAME_ENDINGS)
    latins = [w for stem in _words(_RO_NAMES) for end in name_endings if (w := _ro_join(stem, end))]
    if country == "MD":
        latins += [t + e for t in _words(_MD_TRADES) for e in _words(_MD_TRADE_ENDINGS)]
        latins += _words(_MD_WHOLE)
    else:
        latins += [t + e for t in _words(_RO_TRADES) for e in ("u", "iu", "escu")]
    latins += [p + e for p in _words(_RO_PLACES) for e in ("eanu", "ean", "escu")]
    latins += [p + "an" for p in _words(_RO_PLACES_AN)]
    return [(w, w, [_strip_marks(w)]) for w in latins]


def _it_tail() -> list[tuple[str, str, list[str]]]:
    out = []
    for stem in _words(_IT_STEMS):
        for end in _words(_IT_ENDINGS):
            if len(end) > 2 and stem.endswith(end[:2]):
                continue  # Orsini, not Orsinino
            hard = "h" if stem[-1] in "cg" and end[0] in "ei" else ""
            word = stem + hard + end
            out.append((word, word, []))
    return out


def _compounds(firsts: str, seconds: str) -> list[str]:
    """First × second parts, skipping doubled parts (Bergberg) and doubled letters (Ashhurst)."""
    out = []
    for a in _words(firsts):
        for b in _words(seconds):
            low = a.lower()
            if low[-1] == b[0] or low[-2:] == b[:2] or b[:3] in low or low[:3] in b:
                continue
            out.append(a + b)
    return out


def _de_tail() -> list[tuple[str, str, list[str]]]:
    out = []
    for word in _compounds(_DE_FIRST, _DE_SECOND):
        ascii_ = word.translate(_DE_UMLAUT)  # Grünberg → Gruenberg, Grunberg
        alts = [ascii_, _strip_marks(word)] if ascii_ != word else []
        if word.endswith("mann"):
            alts.append(word[:-1])
        out.append((word, word, alts))
    return out


def _nl_tail() -> list[tuple[str, str, list[str]]]:
    out = []
    for particle, words in _NL_PARTICLED.items():
        for word in _words(words):
            name = f"{particle} {word}"
            out.append((name, name, [particle.capitalize() + " " + word, word]))
    for stem in _words(_NL_FRISIAN):
        for end in _words(_NL_FRISIAN_ENDINGS):
            if stem[-1] in "aeiou" and end != "ma":
                continue  # Hylkema, Sikkema
            if end == "ma" and _trailing_consonants(stem, frozenset("aeiouy")) > 1:
                continue
            word = stem + end
            word = word.replace("ststr", "str").replace("sst", "st").replace("ssm", "sm")
            if "tsm" not in word:  # West + stra → Westra, Bos + sma → Bosma
                out.append((word, word, []))
    for name in _words(_NL_PATRON):  # Pieters, Pietersen, Pieterse; Claasen; Joosten
        if name.endswith("st"):
            ends = ("en",)
        elif name.endswith("s"):
            ends = ("en", "e")
        else:
            ends = ("s", "sen", "se")
        out += [(name + end, name + end, []) for end in ends]
    out += [(w, w, []) for w in _compounds(_NL_FIRST, _NL_SECOND)]
    return [(w, n, a or ([w.replace("ij", "y")] if "ij" in w else [])) for w, n, a in out]


def _gb_tail() -> list[tuple[str, str, list[str]]]:
    words = _compounds(_GB_FIRST, _GB_SECOND)
    words += [name + "son" for name in _words(_GB_PATRON_SON)]
    words += [name + "s" for name in _words(_GB_PATRON_S)]
    words += _words(_GB_TRADES)
    return [(w, w, []) for w in words]


def _ng_tail() -> list[tuple[str, str, list[str]]]:
    words = []
    for firsts, seconds in (_NG_YORUBA, _NG_IGBO, _NG_EDO):
        for a in firsts.split():
            for b in seconds.split():
                if a.lower() == b or a.lower().endswith(b) or a[-1] == b[0]:
                    continue  # no Ibe + eke, Chi + ike
                if a[-1] not in "aeiou" and b[0] not in "aeiou":
                    continue  # Igbin + osa, not Igbin + gie
                words.append(a + b)
    words += _words(_NG_WHOLE)
    return [(w, w, []) for w in words]


_DE_UMLAUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _strip_marks(word: str) -> str:
    """Diacritics dropped (Țurcanu → Turcanu), as foreign systems and keyboards do."""
    decomposed = unicodedata.normalize("NFKD", word.replace("ß", "ss"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _tail(country: str) -> list[tuple[str, str, list[str]]]:
    """Generated (Latin, native, alternative spellings) surnames of ``country``, unshuffled."""
    builders = {
        "UA": _ua_tail,
        "BG": _bg_tail,
        "RS": _rs_tail,
        "MD": lambda: _ro_tail("MD"),
        "RO": lambda: _ro_tail("RO"),
        "IT": _it_tail,
        "DE": _de_tail,
        "NL": _nl_tail,
        "GB": _gb_tail,
        "NG": _ng_tail,
    }
    return builders[country]()


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


def _typo_at(word: str, u: np.ndarray) -> str:
    """The keyboard slip that three uniform numbers ``u`` pick (see :func:`typo`)."""
    if len(word) < 4:
        return word + word[-1]
    i = 1 + int(u[0] * (len(word) - 2))
    kind = int(u[1] * 4)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    if kind == 2 and i >= 2:
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    near = _QWERTY_NEAR.get(word[i].lower())
    if near is None:
        return word[:i] + word[i + 1 :]
    return word[:i] + near[int(u[2] * len(near))] + word[i + 1 :]


def typo(word: str, rng: np.random.Generator) -> str:
    """One keyboard slip: a dropped, doubled, swapped or neighbouring letter."""
    return _typo_at(word, rng.random(3))


#: Zipf-Mandelbrot shapes (exponent, rank offset) of name frequencies: the commonest given
#: name is carried by ~8% of people (Oleksandr, Maria), the commonest surname by ~2%
#: (Melnyk, Popa, Müller are nearer 0.3-1%, but a pool of a few thousand stands for tens of
#: thousands), and both fall off slowly enough that namesakes stay rare.
_GIVEN_SHAPE = (0.8, 3.0)
_FAMILY_SHAPE = (1.0, 10.0)


def _zipf(n: int, s: float = 1.0, offset: float = 0.0) -> np.ndarray:
    w = 1.0 / (np.arange(1, n + 1) + offset) ** s
    return w / w.sum()


Row = tuple[str, str, list[str], list[str]]  # latin, native, other spellings, nicknames


def _parse(block: str) -> list[Row]:
    rows = []
    for line in block.strip().splitlines():
        parts = line.split("|")
        alts = parts[2].split(";") if parts[2] else []
        nicks = parts[3].split(";") if len(parts) > 3 and parts[3] else []
        rows.append((parts[0], parts[1], alts, nicks))
    return rows


def _fold_key(name: str) -> str:
    """What two spellings must not share to count as different names in one pool."""
    return _strip_marks(name).casefold().replace(" ", "").replace("'", "")


def _family_rows(country: str, seed: int) -> list[Row]:
    """The hand-written head, then the generated tail in a fixed shuffled order."""
    rows = _parse(_FAMILY[country])
    seen: set[str] = set()
    for latin, native, alts, _ in rows:
        seen.update(_fold_key(s) for s in (latin, native, *alts))
    tail: list[Row] = []
    for latin, native, alts in _tail(country):
        keys = {_fold_key(latin), _fold_key(native)}
        if keys & seen:
            continue
        seen |= keys
        tail.append((latin, native, [a for a in dict.fromkeys(alts) if a != latin], []))
    order = np.random.default_rng([seed, 1]).permutation(len(tail))
    return rows + [tail[i] for i in order]


def _pool(rows: list[Row], seed: int, shape: tuple[float, float]) -> NamePool:
    u = np.random.default_rng(seed).random((len(rows), 4, 3))
    variants = []
    for (latin, native, alts, nicks), draws in zip(rows, u, strict=True):
        alt1 = alts[0] if alts else _typo_at(latin, draws[0])
        alt2 = alts[1] if len(alts) > 1 else alt1
        nick = nicks[0] if nicks else latin
        variants.append([latin, native, alt1, alt2, nick, *(_typo_at(latin, d) for d in draws[1:])])
    return NamePool(
        latin=np.array([r[0] for r in rows], dtype=object),
        native=np.array([r[1] for r in rows], dtype=object),
        variants=np.array(variants, dtype=object),
        weights=_zipf(len(rows), *shape),
    )


#: Male → female surname endings: Bulgarian -ов/-ев/-ски, Ukrainian -ський/-цький.
_FEMININE = {
    "BG": (
        ("ов", "ова"),
        ("ев", "ева"),
        ("ски", "ска"),
        ("ov", "ova"),
        ("ev", "eva"),
        ("ski", "ska"),
    ),
    "UA": (
        ("ський", "ська"),
        ("цький", "цька"),
        ("skyi", "ska"),
        ("skyy", "ska"),
        ("skyj", "ska"),
        ("zkyj", "zka"),
        ("sky", "ska"),
    ),
}


def _female_family(name: str, country: str) -> str:
    for male, female in _FEMININE.get(country, ()):
        if name.endswith(male):
            return name[: -len(male)] + female
    return name


@lru_cache(maxsize=64)
def name_pool(country: str, kind: str) -> NamePool:
    """The pool of ``kind`` names ("male", "female", "family", "family_f") for ``country``."""
    seed = sum(map(ord, country + kind))
    if kind == "male":
        return _pool(_parse(_GIVEN_M[country]), seed, _GIVEN_SHAPE)
    if kind == "female":
        return _pool(_parse(_GIVEN_F[country]), seed, _GIVEN_SHAPE)
    if kind == "family":
        return _pool(_family_rows(country, seed), seed, _FAMILY_SHAPE)
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
