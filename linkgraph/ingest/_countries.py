"""ISO 3166 alpha-3 to alpha-2 codes, and common country names phonenumbers does not list."""

from __future__ import annotations

import re

# alpha-3 alpha-2 pairs, space-separated (ISO 3166-1, 2024).
_PAIRS = """
AFG AF ALA AX ALB AL DZA DZ ASM AS AND AD AGO AO AIA AI ATA AQ ATG AG ARG AR ARM AM ABW AW
AUS AU AUT AT AZE AZ BHS BS BHR BH BGD BD BRB BB BLR BY BEL BE BLZ BZ BEN BJ BMU BM BTN BT
BOL BO BES BQ BIH BA BWA BW BVT BV BRA BR IOT IO BRN BN BGR BG BFA BF BDI BI CPV CV KHM KH
CMR CM CAN CA CYM KY CAF CF TCD TD CHL CL CHN CN CXR CX CCK CC COL CO COM KM COG CG COD CD
COK CK CRI CR CIV CI HRV HR CUB CU CUW CW CYP CY CZE CZ DNK DK DJI DJ DMA DM DOM DO ECU EC
EGY EG SLV SV GNQ GQ ERI ER EST EE SWZ SZ ETH ET FLK FK FRO FO FJI FJ FIN FI FRA FR GUF GF
PYF PF ATF TF GAB GA GMB GM GEO GE DEU DE GHA GH GIB GI GRC GR GRL GL GRD GD GLP GP GUM GU
GTM GT GGY GG GIN GN GNB GW GUY GY HTI HT HMD HM VAT VA HND HN HKG HK HUN HU ISL IS IND IN
IDN ID IRN IR IRQ IQ IRL IE IMN IM ISR IL ITA IT JAM JM JPN JP JEY JE JOR JO KAZ KZ KEN KE
KIR KI PRK KP KOR KR KWT KW KGZ KG LAO LA LVA LV LBN LB LSO LS LBR LR LBY LY LIE LI LTU LT
LUX LU MAC MO MDG MG MWI MW MYS MY MDV MV MLI ML MLT MT MHL MH MTQ MQ MRT MR MUS MU MYT YT
MEX MX FSM FM MDA MD MCO MC MNG MN MNE ME MSR MS MAR MA MOZ MZ MMR MM NAM NA NRU NR NPL NP
NLD NL NCL NC NZL NZ NIC NI NER NE NGA NG NIU NU NFK NF MKD MK MNP MP NOR NO OMN OM PAK PK
PLW PW PSE PS PAN PA PNG PG PRY PY PER PE PHL PH PCN PN POL PL PRT PT PRI PR QAT QA REU RE
ROU RO RUS RU RWA RW BLM BL SHN SH KNA KN LCA LC MAF MF SPM PM VCT VC WSM WS SMR SM STP ST
SAU SA SEN SN SRB RS SYC SC SLE SL SGP SG SXM SX SVK SK SVN SI SLB SB SOM SO ZAF ZA SGS GS
SSD SS ESP ES LKA LK SDN SD SUR SR SJM SJ SWE SE CHE CH SYR SY TWN TW TJK TJ TZA TZ THA TH
TLS TL TGO TG TKL TK TON TO TTO TT TUN TN TUR TR TKM TM TCA TC TUV TV UGA UG UKR UA ARE AE
GBR GB USA US UMI UM URY UY UZB UZ VUT VU VEN VE VNM VN VGB VG VIR VI WLF WF ESH EH YEM YE
ZMB ZM ZWE ZW XKX XK
"""

ALPHA3: dict[str, str] = dict(zip(_PAIRS.split()[::2], _PAIRS.split()[1::2], strict=True))

# Spellings seen in case exports that the CLDR names (via phonenumbers) do not cover.
EXTRA_NAMES: dict[str, str] = {
    "uk": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "usa": "US",
    "u s a": "US",
    "u s": "US",
    "america": "US",
    "united states of america": "US",
    "holland": "NL",
    "the netherlands": "NL",
    "russia": "RU",
    "russian federation": "RU",
    "moldova": "MD",
    "republic of moldova": "MD",
    "czech republic": "CZ",
    "ivory coast": "CI",
    "cote d ivoire": "CI",
    "burma": "MM",
    "turkey": "TR",
    "turkiye": "TR",
    "macedonia": "MK",
    "north macedonia": "MK",
    "kosovo": "XK",
    "vietnam": "VN",
    "viet nam": "VN",
    "south korea": "KR",
    "north korea": "KP",
    "syria": "SY",
    "iran": "IR",
    "laos": "LA",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "congo": "CG",
    "dr congo": "CD",
    "drc": "CD",
    "uae": "AE",
    "emirates": "AE",
    "eswatini": "SZ",
    "swaziland": "SZ",
    "cabo verde": "CV",
    "deutschland": "DE",
    "espana": "ES",
    "italia": "IT",
    "polska": "PL",
    "romania": "RO",
    "magyarorszag": "HU",
    "ukraina": "UA",
    "ukraine": "UA",
    "rossiya": "RU",
    "moldavia": "MD",
    "moldaviia": "MD",
    "belarus": "BY",
    "byelorussia": "BY",
}


#: English country names (folded) -> alpha-2, as normalize._country_names() maps them: the
#: common spellings answered without importing phonenumbers' locale data (tests check it).
ENGLISH_NAMES: dict[str, str] = {
    "afghanistan": "AF",
    "aland islands": "AX",
    "albania": "AL",
    "algeria": "DZ",
    "american samoa": "AS",
    "andorra": "AD",
    "angola": "AO",
    "anguilla": "AI",
    "antarctica": "AQ",
    "antigua and barbuda": "AG",
    "argentina": "AR",
    "armenia": "AM",
    "aruba": "AW",
    "australia": "AU",
    "austria": "AT",
    "azerbaijan": "AZ",
    "bahamas": "BS",
    "bahrain": "BH",
    "bangladesh": "BD",
    "barbados": "BB",
    "belarus": "BY",
    "belgium": "BE",
    "belize": "BZ",
    "benin": "BJ",
    "bermuda": "BM",
    "bhutan": "BT",
    "bolivia": "BO",
    "bonaire sint eustatius and saba": "BQ",
    "bosnia and herzegovina": "BA",
    "botswana": "BW",
    "bouvet island": "BV",
    "brazil": "BR",
    "british indian ocean territory": "IO",
    "british virgin islands": "VG",
    "brunei": "BN",
    "bulgaria": "BG",
    "burkina faso": "BF",
    "burundi": "BI",
    "cambodia": "KH",
    "cameroon": "CM",
    "canada": "CA",
    "cape verde": "CV",
    "cayman islands": "KY",
    "central african republic": "CF",
    "chad": "TD",
    "chile": "CL",
    "china": "CN",
    "christmas island": "CX",
    "cocos islands": "CC",
    "colombia": "CO",
    "comoros": "KM",
    "congo": "CG",
    "cook islands": "CK",
    "costa rica": "CR",
    "cote divoire": "CI",
    "croatia": "HR",
    "cuba": "CU",
    "curacao": "CW",
    "cyprus": "CY",
    "czech republic": "CZ",
    "denmark": "DK",
    "djibouti": "DJ",
    "dominica": "DM",
    "dominican republic": "DO",
    "ecuador": "EC",
    "egypt": "EG",
    "el salvador": "SV",
    "equatorial guinea": "GQ",
    "eritrea": "ER",
    "estonia": "EE",
    "ethiopia": "ET",
    "falkland islands": "FK",
    "faroe islands": "FO",
    "fiji": "FJ",
    "finland": "FI",
    "france": "FR",
    "french guiana": "GF",
    "french polynesia": "PF",
    "french southern territories": "TF",
    "gabon": "GA",
    "gambia": "GM",
    "georgia": "GE",
    "germany": "DE",
    "ghana": "GH",
    "gibraltar": "GI",
    "greece": "GR",
    "greenland": "GL",
    "grenada": "GD",
    "guadeloupe": "GP",
    "guam": "GU",
    "guatemala": "GT",
    "guernsey": "GG",
    "guinea": "GN",
    "guinea bissau": "GW",
    "guyana": "GY",
    "haiti": "HT",
    "heard island and mcdonald islands": "HM",
    "honduras": "HN",
    "hong kong": "HK",
    "hungary": "HU",
    "iceland": "IS",
    "india": "IN",
    "indonesia": "ID",
    "iran": "IR",
    "iraq": "IQ",
    "ireland": "IE",
    "isle of man": "IM",
    "israel": "IL",
    "italy": "IT",
    "jamaica": "JM",
    "japan": "JP",
    "jersey": "JE",
    "jordan": "JO",
    "kazakhstan": "KZ",
    "kenya": "KE",
    "kiribati": "KI",
    "kuwait": "KW",
    "kyrgyzstan": "KG",
    "laos": "LA",
    "latvia": "LV",
    "lebanon": "LB",
    "lesotho": "LS",
    "liberia": "LR",
    "libya": "LY",
    "liechtenstein": "LI",
    "lithuania": "LT",
    "luxembourg": "LU",
    "macao": "MO",
    "macedonia": "MK",
    "madagascar": "MG",
    "malawi": "MW",
    "malaysia": "MY",
    "maldives": "MV",
    "mali": "ML",
    "malta": "MT",
    "marshall islands": "MH",
    "martinique": "MQ",
    "mauritania": "MR",
    "mauritius": "MU",
    "mayotte": "YT",
    "mexico": "MX",
    "micronesia": "FM",
    "moldova": "MD",
    "monaco": "MC",
    "mongolia": "MN",
    "montenegro": "ME",
    "montserrat": "MS",
    "morocco": "MA",
    "mozambique": "MZ",
    "myanmar": "MM",
    "namibia": "NA",
    "nauru": "NR",
    "nepal": "NP",
    "netherlands": "NL",
    "netherlands antilles": "AN",
    "new caledonia": "NC",
    "new zealand": "NZ",
    "nicaragua": "NI",
    "niger": "NE",
    "nigeria": "NG",
    "niue": "NU",
    "norfolk island": "NF",
    "north korea": "KP",
    "northern mariana islands": "MP",
    "norway": "NO",
    "oman": "OM",
    "pakistan": "PK",
    "palau": "PW",
    "palestine": "PS",
    "panama": "PA",
    "papua new guinea": "PG",
    "paraguay": "PY",
    "peru": "PE",
    "philippines": "PH",
    "pitcairn": "PN",
    "poland": "PL",
    "portugal": "PT",
    "puerto rico": "PR",
    "qatar": "QA",
    "reunion": "RE",
    "romania": "RO",
    "russia": "RU",
    "rwanda": "RW",
    "saint barthelemy": "BL",
    "saint helena": "SH",
    "saint kitts and nevis": "KN",
    "saint lucia": "LC",
    "saint martin": "MF",
    "saint pierre and miquelon": "PM",
    "saint vincent and the grenadines": "VC",
    "samoa": "WS",
    "san marino": "SM",
    "sao tome and principe": "ST",
    "saudi arabia": "SA",
    "senegal": "SN",
    "serbia": "RS",
    "seychelles": "SC",
    "sierra leone": "SL",
    "singapore": "SG",
    "sint maarten dutch part": "SX",
    "slovakia": "SK",
    "slovenia": "SI",
    "solomon islands": "SB",
    "somalia": "SO",
    "south africa": "ZA",
    "south georgia and the south sandwich islands": "GS",
    "south korea": "KR",
    "south sudan": "SS",
    "spain": "ES",
    "sri lanka": "LK",
    "sudan": "SD",
    "suriname": "SR",
    "svalbard and jan mayen": "SJ",
    "swaziland": "SZ",
    "sweden": "SE",
    "switzerland": "CH",
    "syria": "SY",
    "taiwan": "TW",
    "tajikistan": "TJ",
    "tanzania": "TZ",
    "thailand": "TH",
    "the democratic republic of congo": "CD",
    "timor leste": "TL",
    "togo": "TG",
    "tokelau": "TK",
    "tonga": "TO",
    "trinidad and tobago": "TT",
    "tunisia": "TN",
    "turkey": "TR",
    "turkmenistan": "TM",
    "turks and caicos islands": "TC",
    "tuvalu": "TV",
    "u s virgin islands": "VI",
    "uganda": "UG",
    "ukraine": "UA",
    "united arab emirates": "AE",
    "united kingdom": "GB",
    "united states": "US",
    "united states minor outlying islands": "UM",
    "uruguay": "UY",
    "uzbekistan": "UZ",
    "vanuatu": "VU",
    "vatican": "VA",
    "venezuela": "VE",
    "vietnam": "VN",
    "wallis and futuna": "WF",
    "western sahara": "EH",
    "yemen": "YE",
    "zambia": "ZM",
    "zimbabwe": "ZW",
}


#: Nationalities as a nationality column writes them: English demonyms (singular; a
#: plural "Nigerians" is read without its "s"), and the adjectives, nouns and "citizen of"
#: phrases of the languages of the exports this tool reads most (German, French, Italian,
#: Spanish, Romanian, Polish, Russian, Ukrainian) for the countries of origin and
#: destination of trafficking cases.
_DEMONYMS = """
afghan AF|albanian AL|algerian DZ|american US|andorran AD|angolan AO|argentine AR|
argentinian AR|armenian AM|australian AU|austrian AT|azerbaijani AZ|azeri AZ|bahraini BH|
bangladeshi BD|belarusian BY|belarussian BY|belgian BE|beninese BJ|bhutanese BT|
bolivian BO|bosnian BA|herzegovinian BA|brazilian BR|british GB|english GB|scottish GB|
welsh GB|bruneian BN|bulgarian BG|burkinabe BF|burmese MM|burundian BI|cambodian KH|
cameroonian CM|canadian CA|cape verdean CV|central african CF|chadian TD|chilean CL|
chinese CN|colombian CO|comorian KM|congolese CD|costa rican CR|ivorian CI|croatian HR|
croat HR|cuban CU|cypriot CY|czech CZ|danish DK|dane DK|djiboutian DJ|dominican DO|dutch NL|
ecuadorian EC|egyptian EG|salvadoran SV|equatorial guinean GQ|eritrean ER|estonian EE|
ethiopian ET|fijian FJ|filipino PH|filipina PH|finnish FI|finn FI|french FR|gabonese GA|
gambian GM|georgian GE|german DE|ghanaian GH|greek GR|guatemalan GT|guinean GN|guyanese GY|
haitian HT|honduran HN|hungarian HU|icelandic IS|indian IN|indonesian ID|iranian IR|
iraqi IQ|irish IE|israeli IL|italian IT|jamaican JM|japanese JP|jordanian JO|kazakh KZ|
kazakhstani KZ|kenyan KE|kosovar XK|kosovan XK|kuwaiti KW|kyrgyz KG|lao LA|laotian LA|
latvian LV|lebanese LB|liberian LR|libyan LY|lithuanian LT|luxembourgish LU|macedonian MK|
malagasy MG|malawian MW|malaysian MY|maldivian MV|malian ML|maltese MT|mauritanian MR|
mauritian MU|mexican MX|moldovan MD|moldavian MD|mongolian MN|montenegrin ME|moroccan MA|
mozambican MZ|namibian NA|nepali NP|nepalese NP|new zealander NZ|nicaraguan NI|
nigerien NE|nigerian NG|north korean KP|norwegian NO|omani OM|pakistani PK|palestinian PS|
panamanian PA|paraguayan PY|peruvian PE|polish PL|pole PL|portuguese PT|qatari QA|
romanian RO|russian RU|rwandan RW|saudi SA|saudi arabian SA|senegalese SN|serbian RS|
serb RS|sierra leonean SL|singaporean SG|slovak SK|slovakian SK|slovenian SI|slovene SI|
somali SO|south african ZA|south korean KR|korean KR|south sudanese SS|spanish ES|
spaniard ES|sri lankan LK|sudanese SD|surinamese SR|swazi SZ|swedish SE|swede SE|swiss CH|
syrian SY|taiwanese TW|tajik TJ|tajikistani TJ|tanzanian TZ|thai TH|togolese TG|
trinidadian TT|tunisian TN|turkish TR|turk TR|turkmen TM|ugandan UG|ukrainian UA|
emirati AE|uruguayan UY|uzbek UZ|uzbekistani UZ|venezuelan VE|vietnamese VN|yemeni YE|
zambian ZM|zimbabwean ZW|eritrean ER|
albanisch AL|bulgarisch BG|chinesisch CN|deutsch DE|französisch FR|griechisch GR|
italienisch IT|kosovarisch XK|moldauisch MD|nigerianisch NG|polnisch PL|rumänisch RO|
russisch RU|serbisch RS|syrisch SY|türkisch TR|ukrainisch UA|ungarisch HU|
vietnamesisch VN|afghanisch AF|Rumäne RO|Rumänin RO|Ukrainer UA|Ukrainerin UA|
Bulgare BG|Bulgarin BG|Albaner AL|Albanerin AL|Polin PL|
roumain RO|roumaine RO|ukrainien UA|ukrainienne UA|nigériane NG|albanais AL|
albanaise AL|moldave MD|russe RU|chinoise CN|vietnamienne VN|
rumeno RO|rumena RO|ucraino UA|ucraina UA|nigeriana NG|albanese AL|moldavo MD|moldava MD|
rumano RO|rumana RO|ucraniano UA|ucraniana UA|nigeriano NG|
român RO|română RO|româncă RO|ucrainean UA|ucraineană UA|moldovean MD|moldoveancă MD|
bulgar BG|polak PL|polka PL|ukrainiec UA|ukrainka UA|rumun RO|rumunka RO|
румын RO|румынка RO|украинец UA|украинка UA|россиянин RU|россиянка RU|русский RU|
русская RU|молдаванин MD|молдаванка MD|белорус BY|белоруска BY|болгарин BG|болгарка BG|
гражданин Украины UA|гражданка Украины UA|гражданин России RU|гражданка России RU|
гражданин Молдовы MD|гражданка Молдовы MD|гражданин Румынии RO|
українець UA|українка UA|румун RO|румунка RO|молдованин MD|молдованка MD|росіянин RU|
росіянка RU|громадянин України UA|громадянка України UA|громадянин Молдови MD|
громадянка Молдови MD|громадянин Румунії RO|
español ES|marroquí MA|argelino DZ|tunecino TN|egipcio EG|ghanés GH|senegalés SN|
camerunés CM|maliense ML|guineano GN|congoleño CD|marfileño CI|ecuatoguineano GQ|
brasileño BR|colombiano CO|venezolano VE|peruano PE|ecuatoriano EC|boliviano BO|
paraguayo PY|uruguayo UY|argentino AR|chileno CL|mexicano MX|cubano CU|dominicano DO|
hondureño HN|salvadoreño SV|guatemalteco GT|nicaragüense NI|costarricense CR|panameño PA|
chino CN|vietnamita VN|tailandés TH|búlgaro BG|ruso RU|albanés AL|francés FR|italiano IT|
alemán DE|portugués PT|británico GB|inglés GB|estadounidense US|norteamericano US|
sirio SY|iraquí IQ|afgano AF|pakistaní PK|bangladesí BD|polaco PL|georgiano GE|
armenio AM|turco TR|griego GR|serbio RS|húngaro HU|checo CZ|sudanés SD|eritreo ER|
etíope ET|somalí SO|keniano KE|sierraleonés SL|liberiano LR|gambiano GM|haitiano HT|
brasileiro BR|moçambicano MZ|cabo-verdiano CV|cabo verdiano CV|guineense GW|
são-tomense ST|espanhol ES|francês FR|alemão DE|alemã DE|inglês GB|chinês CN|romeno RO|
marroquino MA|venezuelano VE|paraguaio PY|angolano AO|português PT|
français FR|marocain MA|algérien DZ|tunisien TN|sénégalais SN|ivoirien CI|camerounais CM|
congolais CD|malien ML|guinéen GN|nigérian NG|ghanéen GH|béninois BJ|togolais TG|
burkinabé BF|tchadien TD|gabonais GA|mauritanien MR|égyptien EG|syrien SY|irakien IQ|
pakistanais PK|indien IN|chinois CN|vietnamien VN|thaïlandais TH|philippin PH|
brésilien BR|colombien CO|vénézuélien VE|péruvien PE|haïtien HT|dominicain DO|
espagnol ES|italien IT|allemand DE|portugais PT|britannique GB|anglais GB|américain US|
belge BE|suisse CH|néerlandais NL|polonais PL|bulgare BG|serbe RS|croate HR|géorgien GE|
arménien AM|turc TR|turque TR|grec GR|grecque GR|érythréen ER|éthiopien ET|somalien SO|
soudanais SD|libyen LY|libérien LR|sierra-léonais SL|gambien GM|cap-verdien CV|
comorien KM|malgache MG|mauricien MU|
marocchino MA|tunisino TN|algerino DZ|egiziano EG|senegalese SN|ghanese GH|ivoriano CI|
camerunense CM|maliano ML|eritreo ER|etiope ET|somalo SO|sudanese SD|libico LY|
russo RU|polacco PL|serbo RS|kosovaro XK|macedone MK|cinese CN|filippino PH|
bangladese BD|bengalese BD|pakistano PK|indiano IN|srilankese LK|thailandese TH|
brasiliano BR|peruviano PE|ecuadoriano EC|spagnolo ES|francese FR|tedesco DE|inglese GB|
britannico GB|americano US|statunitense US|siriano SY|iracheno IQ|afghano AF|
iraniano IR|greco GR|portoghese PT|svizzero CH|olandese NL|belga BE|
spanisch ES|portugiesisch PT|brasilianisch BR|marokkanisch MA|tunesisch TN|algerisch DZ|
ägyptisch EG|irakisch IQ|iranisch IR|thailändisch TH|philippinisch PH|ghanaisch GH|
eritreisch ER|äthiopisch ET|somalisch SO|kamerunisch CM|georgisch GE|armenisch AM|
britisch GB|amerikanisch US|indisch IN|pakistanisch PK|tschechisch CZ|slowakisch SK|
kroatisch HR|bosnisch BA|mazedonisch MK|litauisch LT|lettisch LV|estnisch EE|
belarussisch BY|weißrussisch BY|österreichisch AT|schweizerisch CH|niederländisch NL|
belgisch BE|
سعودي SA|مصري EG|مغربي MA|جزائري DZ|تونسي TN|ليبي LY|سوداني SD|سوري SY|عراقي IQ|
أردني JO|لبناني LB|فلسطيني PS|يمني YE|إماراتي AE|كويتي KW|قطري QA|بحريني BH|عماني OM|
موريتاني MR|صومالي SO|إريتري ER|إثيوبي ET|نيجيري NG|باكستاني PK|هندي IN|بنغلاديشي BD|
فلبيني PH|إندونيسي ID|أفغاني AF|إيراني IR|تركي TR|سريلانكي LK|نيبالي NP|تشادي TD|
أمريكي US|بريطاني GB|فرنسي FR|روسي RU|أوكراني UA|صيني CN|
pilipino PH|pilipina PH|wni ID|Έλληνας GR|Ελληνίδα GR|พม่า MM|เมียนมา MM|เขมร KH|ญวน VN|
gürcü GE|kazak KZ|özbek UZ|kırgız KG|türkmen TM|tacik TJ|azeri AZ|ermeni AM|romen RO|
rumen RO|alman DE|ingiliz GB|fransız FR|yunan GR|sırp RS|macar HU|afgan AF|
Αφγανός AF|Αφγανή AF|Αφγανίδα AF|Αφγανοί AF|Πακιστανός PK|Πακιστανή PK|Πακιστανίδα PK|
Σύριος SY|Σύρια SY|Σύροι SY|Ελληνική GR|Ρουμάνα RO|Κινέζος CN|Κινέζα CN|Αιγύπτιος EG|
Αιγύπτια EG|
"""

#: Adjectives of nationality of the Slavic languages (Polish, Czech, Slovak, Russian,
#: Ukrainian, Bulgarian, Serbo-Croatian), each by its stem before the ending: "polskie",
#: "polska", "polski", "polský", "польский", "польська" are all "pol" + "sk" + an ending,
#: read by :func:`slavic_adjective_stem`. Folded spellings (``fold``) of the stem and
#: its "sk" / "ck", one per language where they differ.
_SLAVIC_ADJECTIVES = """
polsk PL|ukrainsk UA|ukrajinsk UA|ukrayinsk UA|rumunsk RO|rumynsk RO|
rumansk RO|moldawsk MD|moldavsk MD|moldovsk MD|moldovansk MD|rosyjsk RU|rossiisk RU|
rosiisk RU|rusk RU|russk RU|bialorusk BY|belorussk BY|bilorusk BY|bielorusk BY|
belorusk BY|bulgarsk BG|bolgarsk BG|bulharsk BG|niemieck DE|nemeck DE|nemetsk DE|
nimetsk DE|wegiersk HU|madarsk HU|vengersk HU|ugorsk HU|czesk CZ|cesk CZ|cheshsk CZ|
chesk CZ|slowack SK|slovatsk SK|wietnamsk VN|vietnamsk VN|vetnamsk VN|v'etnamsk VN|
chinsk CN|cinsk CN|kitaisk CN|kytaisk CN|nigeryjsk NG|nigerijsk NG|nigeriisk NG|
tajsk TH|thajsk TH|tailandsk TH|filipinsk PH|litewsk LT|litevsk LT|litovsk LT|
lotewsk LV|lotysk LV|latvijsk LV|latviisk LV|gruzinsk GE|gruzijsk GE|ormiansk AM|
armiansk AM|armensk AM|tureck TR|turetsk TR|syryjsk SY|syrsk SY|siriisk SY|irack IQ|
irack IQ|iraksk IQ|irakck IQ|afgansk AF|afghansk AF|albansk AL|serbsk RS|srbsk RS|
chorwack HR|chorvatsk HR|khorvatsk HR|hrvatsk HR|macedonsk MK|makedonsk MK|kosowsk XK|
kosovsk XK|greck GR|gretsk GR|reck GR|francusk FR|francouzsk FR|frantsuzsk FR|
francuzsk FR|wlosk IT|italsk IT|italiansk IT|italijansk IT|hiszpansk ES|spanelsk ES|
ispansk ES|spanielsk ES|portugalsk PT|brytyjsk GB|britsk GB|britansk GB|angielsk GB|
anglick GB|angliisk GB|engleski GB|amerykansk US|americk US|amerikansk US|uzbeck UZ|
uzbeksk UZ|kazachsk KZ|kazakhsk KZ|kazassk KZ|tadzhick TJ|tadzyck TJ|tadzhiksk TJ|
kirgisk KG|kirgizsk KG|kyrgyzsk KG|azersk AZ|azerbejdzansk AZ|azerbaidzhansk AZ|
indyjsk IN|indiisk IN|indijsk IN|pakistansk PK|bangladesk BD|erytrejsk ER|eritreisk ER|
etiopsk ET|efiopsk ET|somalijsk SO|somaliisk SO|sudansk SD|marokansk MA|marokkansk MA|
algiersk DZ|alzhirsk DZ|egipsk EG|egipetsk EG|libijsk LY|liviisk LY|tunezyjsk TN|
tunissk TN|kamerunsk CM|ghansk GH|gansk GH|senegalsk SN|kongijsk CD|kongolezsk CD|
brazylijsk BR|brazilsk BR|braziljsk BR|kolumbijsk CO|kolumbiisk CO|wenezuelsk VE|
venesuelsk VE|meksykansk MX|meksikansk MX|kubansk CU|dominikansk DO|mongolsk MN|
japonsk JP|iaponsk JP|japansk JP|koreansk KR|koreisk KR|iransk IR|
jordansk JO|iordansk JO|libansk LB|livansk LB|palestynsk PS|palestinsk PS|saudyjsk SA|
saudovsk SA|jemensk YE|iemensk YE|nepalsk NP|laotansk LA|laossk LA|kambodzansk KH|
kambodzhiisk KH|birmansk MM|indonezyjsk ID|indoneziisk ID|malezyjsk MY|malaiziisk MY|
austriack AT|avstriisk AT|rakousk AT|szwajcarsk CH|shveitsarsk CH|svycarsk CH|
holendersk NL|niderlandsk NL|gollandsk NL|nizozemsk NL|belgijsk BE|belgiisk BE|
irlandzk IE|irlandsk IE|szwedzk SE|shvedsk SE|svedsk SE|norwesk NO|norvezhsk NO|
norsk NO|dunsk DK|datsk DK|finsk FI|estonsk EE|bosniack BA|bosensk BA|bosnijsk BA|
czarnogorsk ME|chernogorsk ME|crnogorsk ME|izraelsk IL|kanadyjsk CA|kanadsk CA|
australijsk AU|avstraliisk AU|nigerijsk NG|ugandyjsk UG|kenijsk KE|keniisk KE|
ukrajinsk UA|ruminsk RO|moldavansk MD
"""

#: Endings of a Slavic adjective of nationality after its "sk" or "ck" (folded):
#: Polish -i/-a/-ie/-iego/-iej/-ich/-im, Czech/Slovak -ý/-á/-é, Russian -ii/-aia/-oe/-ie,
#: Ukrainian -yi/-a/-e/-i, Bulgarian -i/-a/-o, Serbo-Croatian -i/-a/-o.
_SLAVIC_ENDING = re.compile(
    r"(?<=[sc]k)(?:i|a|ie|iego|iej|ich|im|imi|iemu|y|e|o|ii|aia|aja|oe|oi|ogo|omu|ikh|yi|ei"
    r"|oho|iy|ij|iyi)$"
)


def slavic_adjective_stem(key: str) -> str | None:
    """The stem of a folded Slavic adjective (``polskie`` -> ``polsk``, ``ukrainskaia`` ->
    ``ukrainsk``), or None when ``key`` has no such ending.

    Examples:
        >>> slavic_adjective_stem("polskie"), slavic_adjective_stem("rumunsky")
        ('polsk', 'rumunsk')
        >>> slavic_adjective_stem("ukrainskaia"), slavic_adjective_stem("polak") is None
        ('ukrainsk', True)
    """
    if " " in key:
        return None
    cut = _SLAVIC_ENDING.sub("", key)
    return cut if cut != key else None


def slavic_adjectives() -> dict[str, str]:
    """:data:`_SLAVIC_ADJECTIVES` by folded stem."""
    from linkgraph.text import fold

    out: dict[str, str] = {}
    for entry in _SLAVIC_ADJECTIVES.replace("\n", "").split("|"):
        if entry.strip():
            stem, code = entry.strip().rsplit(" ", 1)
            out.setdefault(fold(stem), code)
    return out


def demonyms() -> dict[str, str]:
    """:data:`_DEMONYMS` by folded spelling (``fold``: case, accents and script)."""
    from linkgraph.text import fold

    out: dict[str, str] = {}
    for entry in _DEMONYMS.replace("\n", "").split("|"):
        if entry.strip():
            name, code = entry.strip().rsplit(" ", 1)
            out[fold(name)] = code
    return out
