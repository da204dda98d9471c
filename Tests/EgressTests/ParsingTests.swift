import Testing

@testable import Egress

/// Pure helpers: Retry-After, response header lines, timers.
@Suite struct ParsingTests {
    // Sun, 06 Nov 1994 08:49:37 GMT
    let dateEpoch = 784_111_777

    @Test func retryAfterDeltaSeconds() {
        #expect(RetryAfter.delay("1", now: 0) == .seconds(1))
        #expect(RetryAfter.delay(" 120 ", now: 0) == .seconds(120))
        #expect(RetryAfter.delay("0", now: 0) == .zero)
        #expect(RetryAfter.delay("99999999999999999999999", now: 0)! > .seconds(1_000_000), "huge is 'too long', not garbage")
    }

    @Test(arguments: ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"])
    func retryAfterHTTPDateForms(value: String) {
        #expect(RetryAfter.delay(value, now: dateEpoch - 5) == .seconds(5))
        #expect(RetryAfter.delay(value, now: dateEpoch + 5) == .zero, "a date in the past means now")
    }

    @Test(arguments: ["", "soon", "-1", "1.5", "Sun, 99 Foo 1994"])
    func retryAfterGarbage(value: String) {
        #expect(RetryAfter.delay(value, now: dateEpoch) == nil)
    }

    @Test func headerLinesAreLowerCasedTrimmedAndOrdered() {
        var parser = ResponseHeadParser()
        for line in ["HTTP/1.1 200 OK\r\n", "Content-Type: text/plain \r\n", "X-B: 2\r\n", "X-A:1\r\n", "Set-Cookie: a=1\r\n", "Set-Cookie: b=2\r\n", "\r\n"] {
            parser.consume(Array(line.utf8))
        }
        #expect(parser.status == 200)
        #expect(parser.headers.map(\.name) == ["content-type", "x-b", "x-a", "set-cookie", "set-cookie"])
        #expect(parser.headers.map(\.value) == ["text/plain", "2", "1", "a=1", "b=2"])
    }

    @Test func interimResponsesAreDropped() {
        var parser = ResponseHeadParser()
        for line in ["HTTP/1.1 100 Continue\r\n", "X-Interim: yes\r\n", "\r\n", "HTTP/2 201\r\n", "location: /x\r\n", "\r\n"] {
            parser.consume(Array(line.utf8))
        }
        #expect(parser.status == 201)
        #expect(parser.headers == [EgressHeader(name: "location", value: "/x")])
    }

    @Test func foldedHeaderLinesAreJoined() {
        var parser = ResponseHeadParser()
        for line in ["HTTP/1.1 200 OK\r\n", "X-Long: first\r\n", "  second\r\n", "\r\n"] { parser.consume(Array(line.utf8)) }
        #expect(parser.headers == [EgressHeader(name: "x-long", value: "first second")])
    }

    @Test func timersPopInOrder() {
        let t0 = ContinuousClock.now
        var timers = TimerQueue()
        let tickets = (1...6).map { EgressTicket(id: UInt64($0)) }
        for (offset, ticket) in zip([5, 1, 4, 2, 6, 3], tickets) { timers.add(t0 + .seconds(offset), for: ticket) }
        #expect(timers.next == t0 + .seconds(1))
        #expect(timers.popDue(now: t0 + .seconds(3)) == [tickets[1], tickets[3], tickets[5]])
        #expect(timers.popDue(now: t0 + .seconds(10)) == [tickets[2], tickets[0], tickets[4]])
        #expect(timers.isEmpty)
    }

    @Test func durationsRoundUpToWholeMilliseconds() {
        #expect(Duration.milliseconds(1500).wholeMilliseconds == 1500)
        #expect(Duration.nanoseconds(1).wholeMilliseconds == 1)
        #expect(Duration.zero.wholeMilliseconds == 0)
        #expect(Duration.seconds(-3).wholeMilliseconds == 0)
    }
}
