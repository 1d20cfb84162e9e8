// Json: round trips, strictness, and error positions.
#include "core/Error.h"
#include "core/Json.h"
#include "core/JsonWriter.h"

#include <QTest>

using layerlab::engine::FileError;
using layerlab::engine::Json;
using layerlab::engine::SpecError;

class TestJson : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip() {
        Json j = Json::object();
        j.set("name", "ä \"quoted\"\n");
        j.set("pi", 3.141592653589793);
        j.set("tiny", 1e-300);
        j.set("list", Json(Json::Array{Json(1), Json(true), Json(nullptr)}));
        for (const int indent : {-1, 0, 2}) {
            const Json back = Json::parse(j.dump(indent));
            QVERIFY(back == j);
            QCOMPARE(back.at("pi").asNumber(), 3.141592653589793);
        }
    }
    void keepsOrderAndReplaces() {
        Json j = Json::object();
        j.set("b", 1);
        j.set("a", 2);
        j.set("b", 3);
        QCOMPARE(QString::fromStdString(j.dump(-1)), QString(R"({"b":3,"a":2})"));
    }
    void unicodeEscapes() {
        QCOMPARE(QString::fromStdString(Json::parse(R"("\u00e9\ud83d\ude00")").asString()), QString::fromUtf8("é😀"));
    }
    void errors_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::newRow("trailing comma") << "{\"a\": 1,}" << 1 << 9;
        QTest::newRow("second line") << "{\n  \"a\": tru\n}" << 2 << 8;
        QTest::newRow("unterminated") << "[\"abc" << 1 << 6;
        QTest::newRow("duplicate key") << "{\"a\":1,\"a\":2}" << 1 << 12;
        QTest::newRow("garbage after") << "{} x" << 1 << 4;
        QTest::newRow("bad number") << "[01.]" << 1 << 5;
        QTest::newRow("lone surrogate") << "\"\\udc00\"" << 1 << 8;
        QTest::newRow("empty") << "" << 1 << 1;
    }
    void errors() {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(int, column);
        try {
            Json::parse(text.toStdString(), "f.json");
            QFAIL("accepted malformed JSON");
        } catch (const FileError& e) {
            QCOMPARE(e.file(), std::string("f.json"));
            QCOMPARE(int(e.line()), line);
            QCOMPARE(int(e.column()), column);
        }
    }
    void deepNestingIsRefused() {
        QVERIFY_THROWS_EXCEPTION(FileError, Json::parse(std::string(100000, '[')));
    }
    void typedAccessNamesTheKey() {
        const Json j = Json::parse(R"({"lr": "fast"})");
        try {
            j.at("lr").asNumber("training.lr");
            QFAIL("no error");
        } catch (const SpecError& e) {
            QVERIFY(QString(e.what()).contains("training.lr"));
        }
        QVERIFY_THROWS_EXCEPTION(SpecError, j.at("missing"));
        QVERIFY_THROWS_EXCEPTION(SpecError, Json(2.5).asInt("n", 0, 10));
    }
    // Issue 18: large files are written piece by piece; the text must be what dump() writes.
    void writerWritesWhatDumpWrites() {
        Json inner = Json::object();
        inner.set("w", Json(Json::Array{Json(1.5), Json(-2)}));
        inner.set("s", "tab\there");
        for (const int indent : {-1, 0, 1, 2}) {
            Json whole = Json::object();
            whole.set("a", 1);
            Json list = Json::array();
            for (int i = 0; i < 3000; ++i) list.push(inner); // past one 64 KB chunk
            whole.set("list", list);
            whole.set("empty", Json::array());
            Json nested = Json::object();
            nested.set("x", Json(Json::Array{inner, Json::object()}));
            whole.set("nested", nested);
            whole.set("none", Json::object());
            std::string longText(200'000, 'x');
            longText[70'000] = '"'; // an escape across the chunks
            longText[131'071] = '\n';
            whole.set("long", longText);
            std::string text;
            int pieces = 0;
            layerlab::engine::JsonWriter out([&](std::string_view p) { text += p; ++pieces; }, indent);
            out.beginObject();
            out.member("a", 1);
            out.beginArray("list");
            for (int i = 0; i < 3000; ++i) out.item(inner);
            out.end();
            out.beginArray("empty");
            out.end();
            out.beginObject("nested");
            out.member("x", nested.at("x"));
            out.end();
            out.beginObject("none");
            out.end();
            out.member("long", longText);
            out.end();
            QCOMPARE(QString::fromStdString(text), QString::fromStdString(whole.dump(indent)));
            QVERIFY(pieces > 1); // it did hand the text over in chunks
        }
        // Misuse is refused, not written as broken JSON.
        layerlab::engine::JsonWriter bad([](std::string_view) {}, 1);
        bad.beginArray();
        QVERIFY_THROWS_EXCEPTION(SpecError, bad.item(Json(3)));
        QVERIFY_THROWS_EXCEPTION(SpecError, bad.member("k", 1));
    }
    void nonFiniteWritesNull() { QCOMPARE(QString::fromStdString(Json(std::nan("")).dump(-1)), QString("null")); }
};

QTEST_APPLESS_MAIN(TestJson)
#include "test_json.moc"
