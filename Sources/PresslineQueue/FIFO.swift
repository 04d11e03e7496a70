/// A first-in first-out queue with O(1) amortised push and pop.
struct FIFO<Element> {
    private var front: [Element] = []
    private var back: [Element] = []

    var count: Int { front.count + back.count }
    var isEmpty: Bool { front.isEmpty && back.isEmpty }

    mutating func push(_ element: Element) { back.append(element) }

    mutating func pop() -> Element? {
        if front.isEmpty {
            front = back.reversed()
            back.removeAll(keepingCapacity: true)
        }
        return front.popLast()
    }
}
