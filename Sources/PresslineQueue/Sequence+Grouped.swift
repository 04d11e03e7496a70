extension Sequence {
    /// The elements grouped by `key`: groups in the order of their first element, each keeping its elements' order
    /// (a turn's jobs per worker, its answers per client).
    func groupedInOrder<Key: Hashable>(by key: (Element) -> Key) -> [(key: Key, elements: [Element])] {
        var positions: [Key: Int] = [:]
        var groups: [(key: Key, elements: [Element])] = []
        for element in self {
            let groupKey = key(element)
            if let position = positions[groupKey] {
                groups[position].elements.append(element)
            } else {
                positions[groupKey] = groups.count
                groups.append((groupKey, [element]))
            }
        }
        return groups
    }
}
