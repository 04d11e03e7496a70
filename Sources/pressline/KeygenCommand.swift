import ArgumentParser
import Foundation
import PresslineCore
import ZeroMQ
import PresslineRuntime

/// `pressline keygen`: make the queue's CURVE key pair.
struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate a CURVE key pair for a queue that listens beyond this machine.",
        discussion: """
              pressline keygen --dir keys          # writes keys/queue.key (secret, mode 600) and keys/queue.pub

            Then, in the pipeline file:

              [queue]
              submit = "tcp://10.0.0.5:5570"
              work = "tcp://10.0.0.5:5571"
              curve_secret_key = "keys/queue.key"   # only on the queue's machine
              curve_public_key = "keys/queue.pub"   # on every machine that runs workers

            Clients pass the public key with --server-key keys/queue.pub (or PRESSLINE_SERVER_KEY).
            A worker or client without it cannot connect: it neither receives nor injects jobs.

            To let in only known workers and clients, give each a key pair of its own and list
            the public halves:

              pressline keygen --dir keys --name workers --authorize keys/authorized
              pressline keygen --dir keys --name operator --authorize keys/authorized

              [queue]
              curve_authorized_keys = "keys/authorized"   # on the queue's machine
              curve_client_key = "keys/workers.key"       # on worker machines

            Clients pass their own secret key with --client-key keys/operator.key (or
            PRESSLINE_CLIENT_KEY). The queue reads the list at start; restart it after a change.
            """)

    @Option(help: ArgumentHelp("Folder for the key files.", valueName: "DIR"))
    var dir: String = "keys"

    @Option(help: "Base name of the files: NAME.key and NAME.pub.")
    var name: String = "queue"

    @Flag(help: "Replace existing key files.")
    var force = false

    @Option(help: ArgumentHelp("Add the new public key to this allow-list file (queue.curve_authorized_keys).", valueName: "FILE"))
    var authorize: String?

    func run() throws {
        let secretPath = (dir as NSString).appendingPathComponent("\(name).key")
        let publicPath = (dir as NSString).appendingPathComponent("\(name).pub")
        if !force, FileManager.default.fileExists(atPath: secretPath) || FileManager.default.fileExists(atPath: publicPath) {
            printError("\(secretPath) or \(publicPath) exists already; pass --force to replace them (clients then need the new public key)")
            throw ExitStatus.dataError
        }
        let pair = try CurveKeyPair.generate()
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try KeyFile.write(pair.secretKey, to: secretPath, secret: true)
            try KeyFile.write(pair.publicKey, to: publicPath, secret: false)
        } catch {
            printError("cannot write the keys into --dir \(dir): \(describe(error)); name a directory this user may create and write")
            throw ExitStatus.ioError
        }
        if let authorize {
            let line = "\(pair.publicKey)  # \(name), added \(ISO8601DateFormatter().string(from: Date()))\n"
            if let handle = FileHandle(forWritingAtPath: authorize) {
                handle.seekToEndOfFile()
                handle.write(Data(line.utf8))
                handle.closeFile()
            } else {
                try line.write(toFile: authorize, atomically: true, encoding: .utf8)
            }
            print("wrote \(secretPath) (keep it where this client runs) and \(publicPath); added it to \(authorize)")
        } else {
            print("wrote \(secretPath) (keep it on the queue's machine) and \(publicPath) (give it to workers and clients)")
        }
    }
}
