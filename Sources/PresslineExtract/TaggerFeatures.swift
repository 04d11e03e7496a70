/// The features the named-entity tagger sees, as 64-bit hashes (no strings built per feature).
///
/// Shared by training (`pressline-train-ner`) and tagging, so a model always meets the
/// features it was trained on. Each feature is a template id mixed with a value hash; the
/// model maps it to a bucket of a fixed-size weight table (the hashing trick), which keeps the
/// shipped model small whatever the vocabulary.
enum TaggerFeatures {
    /// What the tagger knows of one word, computed once per token.
    struct Word {
        let lower: UInt64
        let cased: UInt64
        let shape: UInt64
        let prefix2: UInt64
        let suffix2: UInt64
        let suffix3: UInt64
        /// Gazetteer and word-class facts, one bit each (see ``Flag``).
        let flags: UInt64
        /// The tag ``CapitalizationHints`` gives the word.
        let hint: UInt64

        init(_ text: String, hint: EntityTagger.Tag) {
            self.hint = UInt64(hint.rawValue)
            let lowered: String
            if let ascii = Self.asciiFeatures(text) {
                (lowered, lower, shape, prefix2, suffix2, suffix3) = ascii
            } else {
                lowered = text.lowercased()
                lower = Hash.of(lowered)
                shape = Hash.of(Self.shape(text))
                let scalars = Array(lowered.unicodeScalars)
                prefix2 = Hash.of(String(scalars: scalars.prefix(2)))
                suffix2 = Hash.of(String(scalars: scalars.suffix(2)))
                suffix3 = Hash.of(String(scalars: scalars.suffix(3)))
            }
            cased = Hash.of(text)
            flags = Flag.flags(of: text, lowered: lowered)
        }

        /// `word`'s features with another hint: everything else depends on the text alone.
        init(_ word: Word, hint: EntityTagger.Tag) {
            (lower, cased, shape, prefix2, suffix2, suffix3, flags) = (word.lower, word.cased, word.shape, word.prefix2, word.suffix2, word.suffix3, word.flags)
            self.hint = UInt64(hint.rawValue)
        }

        /// The same hashes as the general path, computed on the bytes of an ASCII word (most words of
        /// English news): no intermediate strings, which made this the extract stage's hottest function.
        private static func asciiFeatures(_ text: String) -> (String, UInt64, UInt64, UInt64, UInt64, UInt64)? {
            let utf8 = text.utf8
            return utf8.withContiguousStorageIfAvailable { bytes -> (String, UInt64, UInt64, UInt64, UInt64, UInt64)? in
                guard bytes.allSatisfy({ $0 < 128 }) else { return nil }
                var lowered = [UInt8](repeating: 0, count: bytes.count)
                var shape: [UInt8] = []
                for (index, byte) in bytes.enumerated() {
                    let isUpper = byte >= 65 && byte <= 90
                    lowered[index] = isUpper ? byte + 32 : byte
                    guard index < 12 else { continue }
                    let mapped: UInt8 = isUpper ? 88 : (byte >= 97 && byte <= 122) ? 120 : (byte >= 48 && byte <= 57) ? 100 : byte
                    if shape.last != mapped { shape.append(mapped) }
                }
                return (String(decoding: lowered, as: UTF8.self), Hash.of(bytes: lowered), Hash.of(bytes: shape),
                        Hash.of(bytes: lowered.prefix(2)), Hash.of(bytes: lowered.suffix(2)), Hash.of(bytes: lowered.suffix(3)))
            } ?? nil
        }

        /// "Mark" → "Xx", "NATO" → "X", "U.S." → "X.X.", "2025" → "d", "e-mail" → "x-x": letter classes, runs collapsed.
        static func shape(_ text: String) -> String {
            var out: [Character] = []
            for character in text.prefix(12) {
                let mapped: Character = character.isUppercase ? "X" : character.isLowercase ? "x" : character.isNumber ? "d" : character
                if out.last != mapped { out.append(mapped) }
            }
            return String(out)
        }
    }

    /// Word classes that generalise beyond the training vocabulary: lists the project keeps for
    /// other reasons (places from iso-codes, organisations, titles) tell the tagger what a rare word is.
    enum Flag: Int, CaseIterable {
        case place, organization, organizationSuffix, placeSuffix, role, honorific, month, weekday, number, speechVerb, year

        /// The flags `text` (and its lower-cased form `lowered`) holds, one bit per flag.
        static func flags(of text: String, lowered: String) -> UInt64 {
            var flags = (byText[text] ?? 0) | (byLowercase[lowered] ?? 0)
            // A Character is a number by its first scalar: for an ASCII first byte, a digit.
            let first = text.utf8.first ?? 0
            if first < 0x80 ? (48...57).contains(first) : text.first?.isNumber == true { flags |= 1 << number.rawValue }
            // The prefix first: counting a word's Characters for every word was most of this function.
            if (text.hasPrefix("19") || text.hasPrefix("20")) && text.count == 4 && text.allSatisfy(\.isNumber) { flags |= 1 << year.rawValue }
            return flags
        }

        /// The list flags by the word as written and lower-cased: two look-ups where asking each list in
        /// turn takes nine, for every token.
        private static let byText = table([
            (.place, Gazetteer.places), (.organization, Gazetteer.organizations),
            (.organizationSuffix, Gazetteer.organizationSuffixes), (.placeSuffix, Gazetteer.placeSuffixes),
            (.honorific, Gazetteer.honorifics),
        ])
        private static let byLowercase = table([
            (.role, Gazetteer.roleWords), (.month, Set(DateFinder.months.keys)), (.weekday, Set(DateFinder.weekdays.keys)),
            (.speechVerb, Gazetteer.speechVerbs),
        ])

        private static func table(_ lists: [(Flag, Set<String>)]) -> [String: UInt64] {
            var table: [String: UInt64] = [:]
            for (flag, words) in lists {
                for word in words { table[word, default: 0] |= 1 << flag.rawValue }
            }
            return table
        }
    }

    /// Templates of features that do not depend on the tags already chosen.
    static func staticFeatures(_ words: [Word], at index: Int, into out: inout [UInt64]) {
        out.removeAll(keepingCapacity: true)
        let boundary = Hash.of("<s>")
        func word(_ offset: Int) -> Word? {
            let position = index + offset
            return position >= 0 && position < words.count ? words[position] : nil
        }
        let w0 = words[index]
        let before = word(-1), after = word(1)
        out.append(Hash.mix(1, 0))
        out.append(Hash.mix(2, w0.lower))
        out.append(Hash.mix(3, w0.cased))
        out.append(Hash.mix(4, w0.shape))
        out.append(Hash.mix(5, w0.prefix2))
        out.append(Hash.mix(6, w0.suffix2))
        out.append(Hash.mix(7, w0.suffix3))
        out.append(Hash.mix(8, before?.lower ?? boundary))
        out.append(Hash.mix(9, after?.lower ?? boundary))
        out.append(Hash.mix(10, word(-2)?.lower ?? boundary))
        out.append(Hash.mix(11, word(2)?.lower ?? boundary))
        out.append(Hash.mix(12, before?.shape ?? boundary))
        out.append(Hash.mix(13, after?.shape ?? boundary))
        out.append(Hash.mix(14, Hash.mix(before?.lower ?? boundary, w0.lower)))
        out.append(Hash.mix(15, Hash.mix(w0.lower, after?.lower ?? boundary)))
        out.append(Hash.mix(16, Hash.mix(before?.shape ?? boundary, Hash.mix(w0.shape, after?.shape ?? boundary))))
        out.append(Hash.mix(17, Hash.mix(index == 0 ? 1 : 0, w0.shape)))
        out.append(Hash.mix(21, w0.hint))
        out.append(Hash.mix(22, Hash.mix(w0.hint, w0.shape)))
        out.append(Hash.mix(23, Hash.mix(before?.hint ?? 99, w0.hint)))
        out.append(Hash.mix(24, Hash.mix(w0.hint, after?.hint ?? 99)))
        for flag in Flag.allCases {
            let bit: UInt64 = 1 << flag.rawValue
            if w0.flags & bit != 0 { out.append(Hash.mix(18, UInt64(flag.rawValue))) }
            if let before, before.flags & bit != 0 { out.append(Hash.mix(19, UInt64(flag.rawValue))) }
            if let after, after.flags & bit != 0 { out.append(Hash.mix(20, UInt64(flag.rawValue))) }
        }
    }

    /// Templates over the tags chosen for the two previous words.
    static func historyFeatures(previous: Int, beforePrevious: Int, word: Word, into out: inout [UInt64]) {
        out.append(Hash.mix(30, UInt64(previous)))
        out.append(Hash.mix(31, UInt64(beforePrevious * 16 + previous)))
        out.append(Hash.mix(32, Hash.mix(UInt64(previous), word.lower)))
        out.append(Hash.mix(33, Hash.mix(UInt64(previous), word.shape)))
    }
}

/// FNV-1a for strings and a SplitMix64 finaliser for combining.
enum Hash {
    static func of(_ text: String) -> UInt64 { of(bytes: text.utf8) }

    static func of(bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var z = a &* 0x9E37_79B9_7F4A_7C15 ^ b
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
