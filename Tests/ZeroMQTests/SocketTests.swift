import Foundation
import Testing
import PresslineTesting
@testable import ZeroMQ

@Suite("ZeroMQ sockets")
struct SocketTests {
    @Test("multipart round trip", arguments: ["tcp://127.0.0.1:*", "ipc://" + TemporaryFolder.path("zmq", file: "pair.ipc"), "inproc://pair-test"])
    func roundTrip(endpoint: String) throws {
        let context = try Context()
        defer { context.terminate() }
        let server = try Socket(context, type: .router)
        try server.bind(endpoint)
        let client = try Socket(context, type: .dealer)
        try client.setOption(.routingID, "client-1")
        try client.connect(endpoint.hasPrefix("tcp") ? server.lastEndpoint : endpoint)
        defer { client.close(); server.close() }

        try client.send([Data("header".utf8), Data(), Data(repeating: 7, count: 100_000)])
        let frames = try #require(try server.receive(timeout: 5000))
        #expect(frames.count == 4)
        #expect(String(decoding: frames[0], as: UTF8.self) == "client-1")
        #expect(frames[1] == Data("header".utf8))
        #expect(frames[2].isEmpty)
        #expect(frames[3].count == 100_000)

        try server.send([frames[0], Data("reply".utf8)])
        let reply = try #require(try client.receive(timeout: 5000))
        #expect(reply == [Data("reply".utf8)])
    }

    @Test("receive with a timeout returns nil when nothing arrives")
    func timeout() throws {
        let context = try Context()
        let socket = try Socket(context, type: .pull)
        try socket.bind("inproc://quiet")
        #expect(try socket.receive(timeout: 20) == nil)
        #expect(try socket.receiveNow() == nil)
        socket.close()
        context.terminate()
    }

    @Test("binding a port twice is a clear error")
    func addressInUse() throws {
        let context = try Context()
        let first = try Socket(context, type: .router)
        try first.bind("tcp://127.0.0.1:*")
        let second = try Socket(context, type: .router)
        #expect {
            try second.bind(first.lastEndpoint)
        } throws: { error in
            let zmq = error as? ZMQError
            return zmq?.code == EADDRINUSE && zmq!.description.contains("bind tcp://127.0.0.1:")
        }
        first.close()
        second.close()
        context.terminate()
    }

    @Test("a message over the size limit never arrives, and the socket keeps working")
    func maxMessageSize() throws {
        let context = try Context()
        let server = try Socket(context, type: .pull)
        try server.setOption(.maxMessageSize, 1000)
        try server.bind("tcp://127.0.0.1:*")
        let big = try Socket(context, type: .push)
        try big.connect(server.lastEndpoint)
        try big.send([Data(repeating: 1, count: 5000)])
        #expect(try server.receive(timeout: 300) == nil)
        let small = try Socket(context, type: .push)
        try small.connect(server.lastEndpoint)
        try small.send([Data("ok".utf8)])
        #expect(try server.receive(timeout: 5000) == [Data("ok".utf8)])
        for socket in [server, big, small] { socket.close() }
        context.terminate()
    }

    @Test("poll reports which sockets are readable")
    func poller() throws {
        let context = try Context()
        let a = try Socket(context, type: .pull), b = try Socket(context, type: .pull)
        try a.bind("inproc://a")
        try b.bind("inproc://b")
        let pushB = try Socket(context, type: .push)
        try pushB.connect("inproc://b")
        try pushB.send([Data("x".utf8)])
        let readable = try Poller.poll([a, b], timeout: 2000)
        #expect(readable == [false, true])
        for socket in [a, b, pushB] { socket.close() }
        context.terminate()
    }

    @Test("CURVE key pairs are 40-character Z85 text")
    func curveKeys() throws {
        let pair = try CurveKeyPair.generate()
        #expect(pair.publicKey.count == 40 && pair.secretKey.count == 40 && pair.publicKey != pair.secretKey)
    }
}
