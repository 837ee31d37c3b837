//! Sweden's 290 municipalities (kommuner) and 21 counties (län) with SCB's
//! official codes, as static data so that no file has to be shipped or loaded.
//!
//! Source: SCB, "Kommuner i län och kommunkoder", valid from 2007 (when Heby
//! moved to Uppsala län) and unchanged through 2025. A municipality's code is
//! its county's two-digit code followed by two digits of its own.

/// A municipality (kommun), e.g. `1480` Göteborg.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Municipality {
    pub code: &'static str,
    pub name: &'static str,
}

/// A county (län) by its two-digit code. The regional authority of the same
/// area (the region) shares the code, so one table serves both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub code: &'static str,
    pub name: &'static str,
}

/// All municipalities, sorted by code.
pub const MUNICIPALITIES: &[Municipality] = &[
    // 01 Stockholms län
    m("0114", "Upplands Väsby"),
    m("0115", "Vallentuna"),
    m("0117", "Österåker"),
    m("0120", "Värmdö"),
    m("0123", "Järfälla"),
    m("0125", "Ekerö"),
    m("0126", "Huddinge"),
    m("0127", "Botkyrka"),
    m("0128", "Salem"),
    m("0136", "Haninge"),
    m("0138", "Tyresö"),
    m("0139", "Upplands-Bro"),
    m("0140", "Nykvarn"),
    m("0160", "Täby"),
    m("0162", "Danderyd"),
    m("0163", "Sollentuna"),
    m("0180", "Stockholm"),
    m("0181", "Södertälje"),
    m("0182", "Nacka"),
    m("0183", "Sundbyberg"),
    m("0184", "Solna"),
    m("0186", "Lidingö"),
    m("0187", "Vaxholm"),
    m("0188", "Norrtälje"),
    m("0191", "Sigtuna"),
    m("0192", "Nynäshamn"),
    // 03 Uppsala län
    m("0305", "Håbo"),
    m("0319", "Älvkarleby"),
    m("0330", "Knivsta"),
    m("0331", "Heby"),
    m("0360", "Tierp"),
    m("0380", "Uppsala"),
    m("0381", "Enköping"),
    m("0382", "Östhammar"),
    // 04 Södermanlands län
    m("0428", "Vingåker"),
    m("0461", "Gnesta"),
    m("0480", "Nyköping"),
    m("0481", "Oxelösund"),
    m("0482", "Flen"),
    m("0483", "Katrineholm"),
    m("0484", "Eskilstuna"),
    m("0486", "Strängnäs"),
    m("0488", "Trosa"),
    // 05 Östergötlands län
    m("0509", "Ödeshög"),
    m("0512", "Ydre"),
    m("0513", "Kinda"),
    m("0560", "Boxholm"),
    m("0561", "Åtvidaberg"),
    m("0562", "Finspång"),
    m("0563", "Valdemarsvik"),
    m("0580", "Linköping"),
    m("0581", "Norrköping"),
    m("0582", "Söderköping"),
    m("0583", "Motala"),
    m("0584", "Vadstena"),
    m("0586", "Mjölby"),
    // 06 Jönköpings län
    m("0604", "Aneby"),
    m("0617", "Gnosjö"),
    m("0642", "Mullsjö"),
    m("0643", "Habo"),
    m("0662", "Gislaved"),
    m("0665", "Vaggeryd"),
    m("0680", "Jönköping"),
    m("0682", "Nässjö"),
    m("0683", "Värnamo"),
    m("0684", "Sävsjö"),
    m("0685", "Vetlanda"),
    m("0686", "Eksjö"),
    m("0687", "Tranås"),
    // 07 Kronobergs län
    m("0760", "Uppvidinge"),
    m("0761", "Lessebo"),
    m("0763", "Tingsryd"),
    m("0764", "Alvesta"),
    m("0765", "Älmhult"),
    m("0767", "Markaryd"),
    m("0780", "Växjö"),
    m("0781", "Ljungby"),
    // 08 Kalmar län
    m("0821", "Högsby"),
    m("0834", "Torsås"),
    m("0840", "Mörbylånga"),
    m("0860", "Hultsfred"),
    m("0861", "Mönsterås"),
    m("0862", "Emmaboda"),
    m("0880", "Kalmar"),
    m("0881", "Nybro"),
    m("0882", "Oskarshamn"),
    m("0883", "Västervik"),
    m("0884", "Vimmerby"),
    m("0885", "Borgholm"),
    // 09 Gotlands län
    m("0980", "Gotland"),
    // 10 Blekinge län
    m("1060", "Olofström"),
    m("1080", "Karlskrona"),
    m("1081", "Ronneby"),
    m("1082", "Karlshamn"),
    m("1083", "Sölvesborg"),
    // 12 Skåne län
    m("1214", "Svalöv"),
    m("1230", "Staffanstorp"),
    m("1231", "Burlöv"),
    m("1233", "Vellinge"),
    m("1256", "Östra Göinge"),
    m("1257", "Örkelljunga"),
    m("1260", "Bjuv"),
    m("1261", "Kävlinge"),
    m("1262", "Lomma"),
    m("1263", "Svedala"),
    m("1264", "Skurup"),
    m("1265", "Sjöbo"),
    m("1266", "Hörby"),
    m("1267", "Höör"),
    m("1270", "Tomelilla"),
    m("1272", "Bromölla"),
    m("1273", "Osby"),
    m("1275", "Perstorp"),
    m("1276", "Klippan"),
    m("1277", "Åstorp"),
    m("1278", "Båstad"),
    m("1280", "Malmö"),
    m("1281", "Lund"),
    m("1282", "Landskrona"),
    m("1283", "Helsingborg"),
    m("1284", "Höganäs"),
    m("1285", "Eslöv"),
    m("1286", "Ystad"),
    m("1287", "Trelleborg"),
    m("1290", "Kristianstad"),
    m("1291", "Simrishamn"),
    m("1292", "Ängelholm"),
    m("1293", "Hässleholm"),
    // 13 Hallands län
    m("1315", "Hylte"),
    m("1380", "Halmstad"),
    m("1381", "Laholm"),
    m("1382", "Falkenberg"),
    m("1383", "Varberg"),
    m("1384", "Kungsbacka"),
    // 14 Västra Götalands län
    m("1401", "Härryda"),
    m("1402", "Partille"),
    m("1407", "Öckerö"),
    m("1415", "Stenungsund"),
    m("1419", "Tjörn"),
    m("1421", "Orust"),
    m("1427", "Sotenäs"),
    m("1430", "Munkedal"),
    m("1435", "Tanum"),
    m("1438", "Dals-Ed"),
    m("1439", "Färgelanda"),
    m("1440", "Ale"),
    m("1441", "Lerum"),
    m("1442", "Vårgårda"),
    m("1443", "Bollebygd"),
    m("1444", "Grästorp"),
    m("1445", "Essunga"),
    m("1446", "Karlsborg"),
    m("1447", "Gullspång"),
    m("1452", "Tranemo"),
    m("1460", "Bengtsfors"),
    m("1461", "Mellerud"),
    m("1462", "Lilla Edet"),
    m("1463", "Mark"),
    m("1465", "Svenljunga"),
    m("1466", "Herrljunga"),
    m("1470", "Vara"),
    m("1471", "Götene"),
    m("1472", "Tibro"),
    m("1473", "Töreboda"),
    m("1480", "Göteborg"),
    m("1481", "Mölndal"),
    m("1482", "Kungälv"),
    m("1484", "Lysekil"),
    m("1485", "Uddevalla"),
    m("1486", "Strömstad"),
    m("1487", "Vänersborg"),
    m("1488", "Trollhättan"),
    m("1489", "Alingsås"),
    m("1490", "Borås"),
    m("1491", "Ulricehamn"),
    m("1492", "Åmål"),
    m("1493", "Mariestad"),
    m("1494", "Lidköping"),
    m("1495", "Skara"),
    m("1496", "Skövde"),
    m("1497", "Hjo"),
    m("1498", "Tidaholm"),
    m("1499", "Falköping"),
    // 17 Värmlands län
    m("1715", "Kil"),
    m("1730", "Eda"),
    m("1737", "Torsby"),
    m("1760", "Storfors"),
    m("1761", "Hammarö"),
    m("1762", "Munkfors"),
    m("1763", "Forshaga"),
    m("1764", "Grums"),
    m("1765", "Årjäng"),
    m("1766", "Sunne"),
    m("1780", "Karlstad"),
    m("1781", "Kristinehamn"),
    m("1782", "Filipstad"),
    m("1783", "Hagfors"),
    m("1784", "Arvika"),
    m("1785", "Säffle"),
    // 18 Örebro län
    m("1814", "Lekeberg"),
    m("1860", "Laxå"),
    m("1861", "Hallsberg"),
    m("1862", "Degerfors"),
    m("1863", "Hällefors"),
    m("1864", "Ljusnarsberg"),
    m("1880", "Örebro"),
    m("1881", "Kumla"),
    m("1882", "Askersund"),
    m("1883", "Karlskoga"),
    m("1884", "Nora"),
    m("1885", "Lindesberg"),
    // 19 Västmanlands län
    m("1904", "Skinnskatteberg"),
    m("1907", "Surahammar"),
    m("1960", "Kungsör"),
    m("1961", "Hallstahammar"),
    m("1962", "Norberg"),
    m("1980", "Västerås"),
    m("1981", "Sala"),
    m("1982", "Fagersta"),
    m("1983", "Köping"),
    m("1984", "Arboga"),
    // 20 Dalarnas län
    m("2021", "Vansbro"),
    m("2023", "Malung-Sälen"),
    m("2026", "Gagnef"),
    m("2029", "Leksand"),
    m("2031", "Rättvik"),
    m("2034", "Orsa"),
    m("2039", "Älvdalen"),
    m("2061", "Smedjebacken"),
    m("2062", "Mora"),
    m("2080", "Falun"),
    m("2081", "Borlänge"),
    m("2082", "Säter"),
    m("2083", "Hedemora"),
    m("2084", "Avesta"),
    m("2085", "Ludvika"),
    // 21 Gävleborgs län
    m("2101", "Ockelbo"),
    m("2104", "Hofors"),
    m("2121", "Ovanåker"),
    m("2132", "Nordanstig"),
    m("2161", "Ljusdal"),
    m("2180", "Gävle"),
    m("2181", "Sandviken"),
    m("2182", "Söderhamn"),
    m("2183", "Bollnäs"),
    m("2184", "Hudiksvall"),
    // 22 Västernorrlands län
    m("2260", "Ånge"),
    m("2262", "Timrå"),
    m("2280", "Härnösand"),
    m("2281", "Sundsvall"),
    m("2282", "Kramfors"),
    m("2283", "Sollefteå"),
    m("2284", "Örnsköldsvik"),
    // 23 Jämtlands län
    m("2303", "Ragunda"),
    m("2305", "Bräcke"),
    m("2309", "Krokom"),
    m("2313", "Strömsund"),
    m("2321", "Åre"),
    m("2326", "Berg"),
    m("2361", "Härjedalen"),
    m("2380", "Östersund"),
    // 24 Västerbottens län
    m("2401", "Nordmaling"),
    m("2403", "Bjurholm"),
    m("2404", "Vindeln"),
    m("2409", "Robertsfors"),
    m("2417", "Norsjö"),
    m("2418", "Malå"),
    m("2421", "Storuman"),
    m("2422", "Sorsele"),
    m("2425", "Dorotea"),
    m("2460", "Vännäs"),
    m("2462", "Vilhelmina"),
    m("2463", "Åsele"),
    m("2480", "Umeå"),
    m("2481", "Lycksele"),
    m("2482", "Skellefteå"),
    // 25 Norrbottens län
    m("2505", "Arvidsjaur"),
    m("2506", "Arjeplog"),
    m("2510", "Jokkmokk"),
    m("2513", "Överkalix"),
    m("2514", "Kalix"),
    m("2518", "Övertorneå"),
    m("2521", "Pajala"),
    m("2523", "Gällivare"),
    m("2560", "Älvsbyn"),
    m("2580", "Luleå"),
    m("2581", "Piteå"),
    m("2582", "Boden"),
    m("2583", "Haparanda"),
    m("2584", "Kiruna"),
];

/// All counties, sorted by code. Codes 02, 11, 15 and 16 belonged to counties
/// merged into Skåne (1997) and Västra Götaland (1998) and are not in use.
pub const REGIONS: &[Region] = &[
    r("01", "Stockholms län"),
    r("03", "Uppsala län"),
    r("04", "Södermanlands län"),
    r("05", "Östergötlands län"),
    r("06", "Jönköpings län"),
    r("07", "Kronobergs län"),
    r("08", "Kalmar län"),
    r("09", "Gotlands län"),
    r("10", "Blekinge län"),
    r("12", "Skåne län"),
    r("13", "Hallands län"),
    r("14", "Västra Götalands län"),
    r("17", "Värmlands län"),
    r("18", "Örebro län"),
    r("19", "Västmanlands län"),
    r("20", "Dalarnas län"),
    r("21", "Gävleborgs län"),
    r("22", "Västernorrlands län"),
    r("23", "Jämtlands län"),
    r("24", "Västerbottens län"),
    r("25", "Norrbottens län"),
];

const fn m(code: &'static str, name: &'static str) -> Municipality {
    Municipality { code, name }
}

const fn r(code: &'static str, name: &'static str) -> Region {
    Region { code, name }
}

/// The municipality with this four-digit code, if there is one.
pub fn municipality(code: &str) -> Option<&'static Municipality> {
    // Sorted by code, so a binary search is enough.
    MUNICIPALITIES
        .binary_search_by(|m| m.code.cmp(code))
        .ok()
        .map(|i| &MUNICIPALITIES[i])
}

/// The county with this two-digit code, if there is one.
pub fn region(code: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.code == code)
}

/// The municipalities of one county, in code order; none for an unknown code.
pub fn municipalities_in(region_code: &str) -> impl Iterator<Item = &'static Municipality> {
    // Looking the county up first keeps "1" from matching every code that
    // starts with 1, and lets the iterator hold a 'static code, not the input.
    let prefix = region(region_code).map(|r| r.code);
    MUNICIPALITIES
        .iter()
        .filter(move |m| prefix.is_some_and(|p| m.code.starts_with(p)))
}

/// The county a municipality lies in.
pub fn region_of(municipality: &Municipality) -> Option<&'static Region> {
    municipality.code.get(..2).and_then(region)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_match_scb() {
        assert_eq!(MUNICIPALITIES.len(), 290);
        assert_eq!(REGIONS.len(), 21);
    }

    #[test]
    fn codes_are_unique_sorted_and_well_formed() {
        for pair in MUNICIPALITIES.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{:?} before {:?}",
                pair[0],
                pair[1]
            );
        }
        for pair in REGIONS.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{:?} before {:?}",
                pair[0],
                pair[1]
            );
        }
        for m in MUNICIPALITIES {
            assert!(
                m.code.len() == 4 && m.code.bytes().all(|b| b.is_ascii_digit()),
                "{m:?}"
            );
            assert!(!m.name.is_empty() && m.name.trim() == m.name, "{m:?}");
        }
        for r in REGIONS {
            assert!(
                r.code.len() == 2 && r.code.bytes().all(|b| b.is_ascii_digit()),
                "{r:?}"
            );
            assert!(r.name.ends_with(" län"), "{r:?}");
        }
    }

    #[test]
    fn every_municipality_belongs_to_a_region_and_every_region_has_some() {
        for m in MUNICIPALITIES {
            assert!(region_of(m).is_some(), "{m:?} has no county");
        }
        let total: usize = REGIONS
            .iter()
            .map(|r| municipalities_in(r.code).count())
            .sum();
        assert_eq!(total, MUNICIPALITIES.len());
        for r in REGIONS {
            assert!(municipalities_in(r.code).count() > 0, "{r:?} is empty");
        }
    }

    #[test]
    fn county_sizes() {
        let size = |code| municipalities_in(code).count();
        assert_eq!(size("14"), 49);
        assert_eq!(size("12"), 33);
        assert_eq!(size("01"), 26);
        assert_eq!(size("09"), 1);
        assert_eq!(size("1"), 0);
        assert_eq!(size(""), 0);
        assert_eq!(size("02"), 0);
    }

    #[test]
    fn spot_checks() {
        let name = |code| municipality(code).map(|m| m.name);
        assert_eq!(name("1480"), Some("Göteborg"));
        assert_eq!(name("0180"), Some("Stockholm"));
        assert_eq!(name("1280"), Some("Malmö"));
        assert_eq!(name("2584"), Some("Kiruna"));
        assert_eq!(name("0305"), Some("Håbo"));
        assert_eq!(name("2418"), Some("Malå"));
        assert_eq!(name("0114"), Some("Upplands Väsby"));
        assert_eq!(name("1462"), Some("Lilla Edet"));
        assert_eq!(name("1438"), Some("Dals-Ed"));
        assert_eq!(name("0000"), None);
        assert_eq!(name("148"), None);
        assert_eq!(name(""), None);

        let gotland = municipality("0980").unwrap();
        assert_eq!(gotland.name, "Gotland");
        assert_eq!(region_of(gotland).map(|r| r.code), Some("09"));

        let goteborg = municipality("1480").unwrap();
        assert_eq!(
            region_of(goteborg).map(|r| r.name),
            Some("Västra Götalands län")
        );
        assert_eq!(region("01").map(|r| r.name), Some("Stockholms län"));
        assert_eq!(region("25").map(|r| r.name), Some("Norrbottens län"));
        assert_eq!(region("11"), None);
    }
}
