//! Finding a GEDCOM file's character set and decoding it to text.
//!
//! GEDCOM 7 is always UTF-8. GEDCOM 5.5.1 files say their character set in the header
//! (`1 CHAR ...`) but often wrongly, so a byte-order mark or the pattern of zero bytes wins over
//! the header, and a file that claims UTF-8 but is not is decoded as Windows-1252 with a note.

use super::ansel;

/// How the bytes were decoded, and anything worth telling the user about it.
pub struct Decoded {
    pub text: String,
    /// What was found, as a note for the user; `None` when the file was plain UTF-8 or ASCII
    /// as declared.
    pub remark: Option<String>,
}

/// Decodes the file's bytes to text.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8_or_fallback(rest, None);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, Endian::Little);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, Endian::Big);
    }
    // Without a byte-order mark, UTF-16 shows itself by a zero byte beside the "0" of "0 HEAD".
    match bytes {
        [0, b, ..] if *b != 0 => return utf16(bytes, Endian::Big),
        [b, 0, ..] if *b != 0 => return utf16(bytes, Endian::Little),
        _ => {}
    }
    let declared = declared_charset(bytes);
    match declared.as_deref() {
        Some("ANSEL") => {
            let (text, unknown) = ansel::decode(bytes);
            let remark = (unknown > 0).then(|| {
                format!(
                    "The file says it is in the ANSEL character set, but {unknown} \
                     character(s) are not ANSEL; they are shown as \u{FFFD}."
                )
            });
            Decoded { text, remark }
        }
        Some("ANSI" | "LATIN1" | "ISO-8859-1" | "ISO8859-1" | "CP1252" | "WINDOWS-1252")
        | Some("IBM WINDOWS") => match std::str::from_utf8(bytes) {
            // Many programs write UTF-8 and label it ANSI; pure ASCII is the same in both.
            Ok(text) => Decoded {
                text: text.to_string(),
                remark: (!bytes.is_ascii()).then(|| {
                    "The file says it is in a Windows/Latin character set, but it is UTF-8; \
                     it was read as UTF-8."
                        .to_string()
                }),
            },
            Err(_) => Decoded {
                text: crate::input::windows_1252(bytes),
                remark: None,
            },
        },
        Some("UTF-8" | "UTF8" | "UNICODE" | "ASCII") | None => utf8_or_fallback(bytes, declared),
        Some(other) => {
            let other = other.to_string();
            let mut decoded = utf8_or_fallback(bytes, Some(other.clone()));
            if decoded.remark.is_none() && !bytes.is_ascii() {
                decoded.remark = Some(format!(
                    "The file says its character set is \"{other}\", which genochron does not \
                     know; it was read as UTF-8. Check accented letters in names."
                ));
            }
            decoded
        }
    }
}

fn utf8_or_fallback(bytes: &[u8], declared: Option<String>) -> Decoded {
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: text.to_string(),
            remark: match declared.as_deref() {
                Some("ASCII") if !bytes.is_ascii() => Some(
                    "The file says it is ASCII but has other characters; it was read as UTF-8."
                        .to_string(),
                ),
                _ => None,
            },
        },
        Err(error) => {
            let line = 1 + bytes[..error.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            Decoded {
                text: crate::input::windows_1252(bytes),
                remark: Some(format!(
                    "The file is not valid UTF-8 (first at line {line}); it was read as \
                     Windows-1252. Check accented letters in names."
                )),
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Endian {
    Little,
    Big,
}

fn utf16(bytes: &[u8], endian: Endian) -> Decoded {
    let units = bytes.chunks_exact(2).map(|pair| match endian {
        Endian::Little => u16::from_le_bytes([pair[0], pair[1]]),
        Endian::Big => u16::from_be_bytes([pair[0], pair[1]]),
    });
    let mut bad = 0;
    let text: String = char::decode_utf16(units)
        .map(|unit| {
            unit.unwrap_or_else(|_| {
                bad += 1;
                '\u{FFFD}'
            })
        })
        .collect();
    let odd = bytes.len() % 2 == 1;
    let remark = (bad > 0 || odd).then(|| {
        "The file is in UTF-16 but some characters are broken; they are shown as \u{FFFD}."
            .to_string()
    });
    Decoded { text, remark }
}

/// The character set named in the header (`1 CHAR ...`), upper-cased, read before decoding:
/// the header is ASCII in every 8-bit character set GEDCOM allows.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    for (index, line) in bytes
        .split(|&b| b == b'\n' || b == b'\r')
        .filter(|line| !line.is_empty())
        .enumerate()
    {
        let line = trim_ascii(line);
        if index > 0 && line.starts_with(b"0") {
            return None;
        }
        if let Some(rest) = line.strip_prefix(b"1 CHAR") {
            let name = String::from_utf8_lossy(trim_ascii(rest)).to_ascii_uppercase();
            return Some(name);
        }
    }
    None
}

fn trim_ascii(bytes: &[u8]) -> &[u8] {
    bytes.trim_ascii()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_marks_and_zero_bytes_find_utf16() {
        let text = "0 HEAD\n1 NOTE é\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&le).text, text);
        assert_eq!(decode(&be).text, text);
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend(&le);
        assert_eq!(decode(&with_bom).text, text);
    }

    #[test]
    fn ansi_is_windows_1252_unless_it_is_really_utf8() {
        let bytes = b"0 HEAD\n1 CHAR ANSI\n0 @I1@ INDI\n1 NAME Ren\xE9 \x93Bob\x94\n";
        let decoded = decode(bytes);
        assert!(decoded.text.contains("René “Bob”"));
        assert!(decoded.remark.is_none());
        let utf8 = "0 HEAD\n1 CHAR ANSI\n1 NOTE René\n";
        let decoded = decode(utf8.as_bytes());
        assert_eq!(decoded.text, utf8);
        assert!(decoded.remark.is_some());
    }

    #[test]
    fn declared_ansel_is_decoded_as_ansel() {
        let bytes = b"0 HEAD\n1 CHAR ANSEL\n0 @I1@ INDI\n1 NAME Anne /Bront\xE8e/\n";
        assert!(decode(bytes).text.contains("Anne /Brontë/"));
    }

    #[test]
    fn broken_utf8_falls_back_with_the_line() {
        let decoded = decode(b"0 HEAD\n1 CHAR UTF-8\n1 NOTE caf\xE9\n");
        assert!(decoded.text.contains("café"));
        assert!(decoded.remark.unwrap().contains("line 3"));
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_found_by_its_zero_bytes() {
        let decoded = decode(&super::super::fixtures::fixture("char_utf16le-1-5.ged"));
        assert!(decoded.text.contains("UTF-16LE without BOM: ¶ ☺ 𒍅"));
    }

    /// Every character set file of the maintainers' suite; those in UTF-8 and UTF-16 of
    /// GEDCOM 5.5.1 spell out the same characters.
    #[test]
    fn the_suite_s_character_sets_decode() {
        for version in ["5", "7"] {
            for (short, bytes) in super::super::fixtures::suite(version) {
                if !short.starts_with("char_") {
                    continue;
                }
                let name = format!("{version}/{short}");
                let decoded = decode(&bytes);
                if short.contains("utf") && name.starts_with('5') {
                    assert!(decoded.text.contains("¶ ☺ 𒍅"), "{name}: {}", decoded.text);
                }
            }
        }
    }
}
