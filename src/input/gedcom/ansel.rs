//! ANSEL (ANSI Z39.47), the 8-bit character set of GEDCOM 5.5 and older files, to Unicode.
//!
//! ANSEL writes a combining diacritic *before* the letter it sits on; Unicode writes it after.
//! So marks are held until their letter arrives, then the pair is composed into one character
//! where Unicode has one ("e" + acute → "é"), so that names compare and display as users expect.

/// Decodes ANSEL bytes. Bytes with no meaning in ANSEL become U+FFFD and are counted, so the
/// caller can say where the file was not what it claimed.
pub fn decode(bytes: &[u8]) -> (String, usize) {
    let mut out = String::with_capacity(bytes.len());
    let mut marks: Vec<char> = Vec::new();
    let mut unknown = 0;
    for &byte in bytes {
        if let Some(mark) = combining(byte) {
            marks.push(mark);
            continue;
        }
        let base = if byte < 0x80 {
            byte as char
        } else if let Some(c) = spacing(byte) {
            c
        } else {
            unknown += 1;
            '\u{FFFD}'
        };
        if marks.is_empty() {
            out.push(base);
            continue;
        }
        if base == '\n' || base == '\r' {
            // A mark with no letter before the line ends: keep it on its own.
            out.extend(marks.drain(..));
            out.push(base);
            continue;
        }
        // Marks apply innermost first: the one written last is closest to the letter.
        let mut composed = base;
        let mut leftover = Vec::new();
        for &mark in marks.iter().rev() {
            match compose(composed, mark) {
                Some(c) if leftover.is_empty() => composed = c,
                _ => leftover.push(mark),
            }
        }
        out.push(composed);
        out.extend(leftover);
        marks.clear();
    }
    out.extend(marks);
    (out, unknown)
}

/// The spacing (ordinary) characters of ANSEL's upper half.
fn spacing(byte: u8) -> Option<char> {
    Some(match byte {
        0xA1 => 'Ł',
        0xA2 => 'Ø',
        0xA3 => 'Đ',
        0xA4 => 'Þ',
        0xA5 => 'Æ',
        0xA6 => 'Œ',
        0xA7 => 'ʹ',
        0xA8 => '·',
        0xA9 => '♭',
        0xAA => '®',
        0xAB => '±',
        0xAC => 'Ơ',
        0xAD => 'Ư',
        0xAE => 'ʼ',
        0xB0 => 'ʻ',
        0xB1 => 'ł',
        0xB2 => 'ø',
        0xB3 => 'đ',
        0xB4 => 'þ',
        0xB5 => 'æ',
        0xB6 => 'œ',
        0xB7 => 'ʺ',
        0xB8 => 'ı',
        0xB9 => '£',
        0xBA => 'ð',
        0xBC => 'ơ',
        0xBD => 'ư',
        0xBE => '□',
        0xBF => '■',
        0xC0 => '°',
        0xC1 => 'ℓ',
        0xC2 => '℗',
        0xC3 => '©',
        0xC4 => '♯',
        0xC5 => '¿',
        0xC6 => '¡',
        0xC7 | 0xCF => 'ß',
        0xC8 => '€',
        0xCD => 'e',
        0xCE => 'o',
        _ => return None,
    })
}

/// The combining diacritics of ANSEL, as Unicode combining marks.
fn combining(byte: u8) -> Option<char> {
    Some(match byte {
        0xE0 => '\u{0309}', // hook above
        0xE1 => '\u{0300}', // grave
        0xE2 => '\u{0301}', // acute
        0xE3 => '\u{0302}', // circumflex
        0xE4 => '\u{0303}', // tilde
        0xE5 => '\u{0304}', // macron
        0xE6 => '\u{0306}', // breve
        0xE7 => '\u{0307}', // dot above
        0xE8 => '\u{0308}', // diaeresis (umlaut)
        0xE9 => '\u{030C}', // caron (hacek)
        0xEA => '\u{030A}', // ring above
        0xEB => '\u{FE20}', // ligature, left half
        0xEC => '\u{FE21}', // ligature, right half
        0xED => '\u{0315}', // comma above right
        0xEE => '\u{030B}', // double acute
        0xEF => '\u{0310}', // candrabindu
        0xF0 => '\u{0327}', // cedilla
        0xF1 => '\u{0328}', // ogonek
        0xF2 => '\u{0323}', // dot below
        0xF3 => '\u{0324}', // double dot below
        0xF4 => '\u{0325}', // ring below
        0xF5 => '\u{0333}', // double low line
        0xF6 => '\u{0332}', // low line
        0xF7 => '\u{0326}', // comma below
        0xF8 => '\u{031C}', // left half ring below
        0xF9 => '\u{032E}', // breve below
        0xFA => '\u{FE22}', // double tilde, left half
        0xFB => '\u{FE23}', // double tilde, right half
        0xFE => '\u{0313}', // comma above
        _ => return None,
    })
}

/// Letters with one diacritic that Unicode has as single characters: for each mark, the base
/// letters and, position for position, their composed forms.
const COMPOSITIONS: &[(char, &str, &str)] = &[
    ('\u{0300}', "AEIOUaeiouNnWwYy", "ÀÈÌÒÙàèìòùǸǹẀẁỲỳ"),
    (
        '\u{0301}',
        "AEIOUYaeiouyCcGgKkLlMmNnPpRrSsWwZz",
        "ÁÉÍÓÚÝáéíóúýĆćǴǵḰḱĹĺḾḿŃńṔṕŔŕŚśẂẃŹź",
    ),
    (
        '\u{0302}',
        "AEIOUaeiouCcGgHhJjSsWwYyZz",
        "ÂÊÎÔÛâêîôûĈĉĜĝĤĥĴĵŜŝŴŵŶŷẐẑ",
    ),
    ('\u{0303}', "ANOanoIiUuEeYy", "ÃÑÕãñõĨĩŨũẼẽỸỹ"),
    ('\u{0304}', "AEIOUaeiouGgYy", "ĀĒĪŌŪāēīōūḠḡȲȳ"),
    ('\u{0306}', "AEIOUaeiouGg", "ĂĔĬŎŬăĕĭŏŭĞğ"),
    (
        '\u{0307}',
        "CEGIZcegzBbDdFfHhMmNnPpRrSsTtWwXxYy",
        "ĊĖĠİŻċėġżḂḃḊḋḞḟḢḣṀṁṄṅṖṗṘṙṠṡṪṫẆẇẊẋẎẏ",
    ),
    ('\u{0308}', "AEIOUYaeiouyHhWwXxt", "ÄËÏÖÜŸäëïöüÿḦḧẄẅẌẍẗ"),
    (
        '\u{030C}',
        "CDENRSTZcdenrstzAaIiOoUuGgKkjHh",
        "ČĎĚŇŘŠŤŽčďěňřšťžǍǎǏǐǑǒǓǔǦǧǨǩǰȞȟ",
    ),
    ('\u{030A}', "AUauwy", "ÅŮåůẘẙ"),
    ('\u{030B}', "OUou", "ŐŰőű"),
    (
        '\u{0327}',
        "CGKLNRSTcgklnrstEeDdHh",
        "ÇĢĶĻŅŖŞŢçģķļņŗşţȨȩḐḑḨḩ",
    ),
    ('\u{0328}', "AEIUaeiuOo", "ĄĘĮŲąęįųǪǫ"),
    (
        '\u{0323}',
        "AEIOUYaeiouyBbDdHhKkLlMmNnRrSsTtVvWwZz",
        "ẠẸỊỌỤỴạẹịọụỵḄḅḌḍḤḥḲḳḶḷṂṃṆṇṚṛṢṣṬṭṾṿẈẉẒẓ",
    ),
    ('\u{0326}', "SsTt", "ȘșȚț"),
];

/// One letter and one combining mark as a single character, where Unicode has one.
pub(crate) fn compose(base: char, mark: char) -> Option<char> {
    let (_, bases, composed) = COMPOSITIONS.iter().find(|(m, _, _)| *m == mark)?;
    let position = bases.chars().position(|c| c == base)?;
    composed.chars().nth(position)
}

/// The letter without its diacritic, for making readable ids ("é" → 'e'), where known.
pub(crate) fn base_letter(c: char) -> Option<char> {
    COMPOSITIONS.iter().find_map(|(_, bases, composed)| {
        composed
            .chars()
            .position(|x| x == c)
            .and_then(|i| bases.chars().nth(i))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_composition_row_pairs_up() {
        for (mark, bases, composed) in COMPOSITIONS {
            assert_eq!(
                bases.chars().count(),
                composed.chars().count(),
                "mark {:?}",
                mark
            );
        }
    }

    #[test]
    fn marks_come_before_their_letter_and_compose() {
        // "Bront" + diaeresis + "e", then "Mu" + acute... ANSEL puts the mark first.
        let (text, unknown) = decode(b"Bront\xE8e \xE2Ele\xF0c \xA1od\xE2z");
        assert_eq!(text, "Brontë Éleç Łodź");
        assert_eq!(unknown, 0);
    }

    #[test]
    fn a_mark_with_no_composed_form_stays_combining() {
        let (text, _) = decode(b"\xE2q");
        assert_eq!(text, "q\u{0301}");
    }

    #[test]
    fn bytes_ansel_does_not_define_are_counted() {
        let (text, unknown) = decode(b"a\x80b");
        assert_eq!(text, "a\u{FFFD}b");
        assert_eq!(unknown, 1);
    }
}
