// pressline-train-ner: trains the named-entity tagger shipped in
// Sources/PresslineExtract/Resources/ner-model.bin (see docs/MODELS.md).
//
//   swift run -c release pressline-train-ner ../shared/bench/ner-train \
//       --exclude ../shared/bench/ner-dev/gum/docs.jsonl --output Sources/PresslineExtract/Resources/ner-model.bin
import Foundation
import PresslineExtract

@main
enum TrainNER {
    static func main() {
        let usage = """
            USAGE: pressline-train-ner NER_TRAIN_DIR [--exclude DOCS.jsonl]... [--epochs N] [--buckets N] [--output FILE]

            Without --epochs, the number of passes is chosen by span F1 on uner-ewt/dev.bio held out, then the
            model is trained on all the files.

            Reads NER_TRAIN_DIR/uner-ewt/{train,dev,test}.bio and NER_TRAIN_DIR/gum/all.bio (token<TAB>tag,
            blank line between sentences, "# doc = ID" before each document), leaves out the documents whose
            "doc" ids are in the --exclude files (the ner-dev sets), trains, and writes the model.
            """

        var arguments = Array(CommandLine.arguments.dropFirst())
        func option(_ name: String, in arguments: inout [String]) -> String? {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
            defer { arguments.removeSubrange(index...(index + 1)) }
            return arguments[index + 1]
        }
        if arguments.contains("--help") || arguments.contains("-h") { print(usage); exit(0) }
        var excludeFiles: [String] = []
        while let file = option("--exclude", in: &arguments) { excludeFiles.append(file) }
        // Without --epochs, the count is chosen on UNER's dev split (up to maxEpochs).
        let epochs = Int(option("--epochs", in: &arguments) ?? "")
        let maxEpochs = 12
        let seed: UInt64 = 20_261_129
        let buckets = Int(option("--buckets", in: &arguments) ?? "") ?? (1 << 18)
        let output = option("--output", in: &arguments) ?? "Sources/PresslineExtract/Resources/ner-model.bin"
        guard arguments.count == 1 else {
            FileHandle.standardError.write(Data("error: give the ner-train folder\n\(usage)\n".utf8))
            exit(64)
        }
        let root = URL(fileURLWithPath: arguments[0])

        var excluded: Set<String> = []
        for file in excludeFiles {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("error: cannot read \(file)\n".utf8))
                exit(66)
            }
            for line in data.split(separator: UInt8(ascii: "\n")) {
                if let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any], let id = object["doc"] as? String { excluded.insert(id) }
            }
        }

        /// Sentences of a .bio file, minus excluded documents.
        func read(_ path: URL, datesAnnotated: Bool, excluded: Set<String>) -> [EntityTaggerTrainer.Sentence] {
            guard let text = try? String(contentsOf: path, encoding: .utf8) else {
                FileHandle.standardError.write(Data("error: cannot read \(path.path)\n".utf8))
                exit(66)
            }
            var sentences: [EntityTaggerTrainer.Sentence] = []
            var tokens: [String] = [], tags: [EntityTagger.Tag] = []
            var skipping = false
            func flush() {
                if !tokens.isEmpty && !skipping { sentences.append(.init(tokens: tokens, tags: tags, datesAnnotated: datesAnnotated)) }
                tokens.removeAll()
                tags.removeAll()
            }
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.isEmpty { flush(); continue }
                if line.hasPrefix("# ") && !line.contains("\t") {
                    if line.hasPrefix("# doc = ") { flush(); skipping = excluded.contains(String(line.dropFirst("# doc = ".count))) }
                    continue
                }
                let columns = line.split(separator: "\t")
                guard columns.count == 2, let tag = EntityTagger.Tag(label: String(columns[1])) else { continue }
                tokens.append(String(columns[0]))
                tags.append(tag)
            }
            flush()
            return sentences
        }

        let uner = ["train", "test", "dev"].map { read(root.appendingPathComponent("uner-ewt/\($0).bio"), datesAnnotated: false, excluded: excluded) }
        let gum = read(root.appendingPathComponent("gum/all.bio"), datesAnnotated: true, excluded: excluded)
        let started = Date()

        // How many epochs: the perceptron overfits its web-text training data, so the count is chosen
        // on held-out data (UNER's dev split, never a ner-dev set) before training on everything.
        var chosenEpochs = epochs ?? 0
        if epochs == nil {
            var trainer = EntityTaggerTrainer(buckets: buckets)
            var best = (epoch: 1, f1: -1.0)
            _ = trainer.train(uner[0] + uner[1] + gum, epochs: maxEpochs, seed: seed) { epoch, _, model in
                let f1 = model().spanF1(on: uner[2])
                print(String(format: "held-out epoch %2d  UNER dev span F1 %.4f  (%.0f s)", epoch, f1, Date().timeIntervalSince(started)))
                if f1 > best.f1 { best = (epoch, f1) }
            }
            chosenEpochs = best.epoch
            print("chose \(chosenEpochs) epochs")
        }
        let sentences = uner.flatMap { $0 } + gum
        let tokenCount = sentences.reduce(0) { $0 + $1.tokens.count }
        print("training on \(sentences.count) sentences, \(tokenCount) tokens; \(excluded.count) document ids excluded; \(buckets) buckets, \(chosenEpochs) epochs")
        var trainer = EntityTaggerTrainer(buckets: buckets)
        let tagger = trainer.train(sentences, epochs: chosenEpochs, seed: seed) { epoch, accuracy, _ in
            print(String(format: "epoch %2d  token accuracy %.4f  (%.0f s)", epoch, accuracy, Date().timeIntervalSince(started)))
        }
        let data = tagger.serialized()
        do {
            try data.write(to: URL(fileURLWithPath: output))
        } catch {
            FileHandle.standardError.write(Data("error: cannot write \(output): \(error)\n".utf8))
            exit(73)
        }
        print("wrote \(output) (\(data.count / 1024) KB)")
    }
}
