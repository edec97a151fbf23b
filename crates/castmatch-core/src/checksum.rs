//! The checksum every snapshot keeps over its payload, so that damaged bytes are refused before
//! anything is read from them: xxHash32, fast in wasm and free of lookup tables.

/// The checksum of a snapshot payload (xxHash32, seed 0).
pub fn checksum(payload: &[u8]) -> u32 {
    xxhash_rust::xxh32::xxh32(payload, 0)
}

/// CRC-32 (IEEE), the checksum of memory snapshots before format 2, still read so that a
/// director's saved memory survives the upgrade. A byte-wise table: 1 KB, not crc32fast's 16 KB.
pub fn crc32(payload: &[u8]) -> u32 {
    const CRC32: crc::Crc<u32, crc::Table<1>> =
        crc::Crc::<u32, crc::Table<1>>::new(&crc::CRC_32_ISO_HDLC);
    CRC32.checksum(payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_are_the_published_algorithms() {
        // Reference values: xxHash32 and CRC-32/ISO-HDLC of "123456789".
        assert_eq!(checksum(b"123456789"), 0x937b_ad67);
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
    }

    #[test]
    fn every_single_byte_change_changes_the_checksum() {
        let payload: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        let original = checksum(&payload);
        for at in (0..payload.len()).step_by(7) {
            for flip in [1u8, 0x80, 0xff] {
                let mut damaged = payload.clone();
                damaged[at] ^= flip;
                assert_ne!(checksum(&damaged), original, "byte {at} ^ {flip:#x}");
            }
        }
    }
}
