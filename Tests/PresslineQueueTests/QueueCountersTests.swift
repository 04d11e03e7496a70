import Testing
@testable import PresslineQueue

@Suite("Queue counters")
struct QueueCountersTests {
    @Test("unfinished jobs: accepted up to the limit, then refused with the reason; retries reopen, finals close")
    func unfinished() {
        var jobs = UnfinishedJobs(limit: 2, count: 1)
        #expect(jobs.accept() == nil && jobs.count == 2)
        #expect(jobs.accept()?.contains("queue is full (2 unfinished jobs)") == true && jobs.count == 2)
        jobs.close()
        #expect(jobs.accept() == nil)
        jobs.reopen(3)
        jobs.close(2)
        #expect(jobs.count == 3)
    }

    @Test("the journal cursor: a full read may leave more, a short one does not; rewinding reads again")
    func cursor() {
        var cursor = JournalCursor()
        #expect(cursor.hasMore && cursor.position == 0)
        cursor.read(found: 4, limit: 4)
        cursor.advance(to: 17)
        #expect(cursor.hasMore && cursor.position == 17)
        cursor.read(found: 1, limit: 4)
        #expect(!cursor.hasMore)
        cursor.rewind(toStart: false)
        #expect(cursor.hasMore && cursor.position == 17)
        cursor.rewind(toStart: true)
        #expect(cursor.position == 0)
    }

    @Test("rates: jobs per second over the last samples, 0 before two, old samples forgotten")
    func rates() {
        var window = RateWindow()
        #expect(window.rate(of: "clean") == 0)
        window.sample(["clean": 0], at: 0)
        #expect(window.rate(of: "clean") == 0)
        window.sample(["clean": 10], at: 2)
        #expect(window.rate(of: "clean") == 5 && window.rate(of: "store") == 0)
        for second in 3...20 { window.sample(["clean": 10], at: Double(second)) }
        #expect(window.rate(of: "clean") == 0, "the burst at the start has left the window")
    }
}
