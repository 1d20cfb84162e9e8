#include "Json.h"

#include "Error.h"
#include "Utf8.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace layerlab::engine {
namespace {

const char* typeName(Json::Type t) {
    switch (t) {
    case Json::Type::Null: return "null";
    case Json::Type::Bool: return "a boolean";
    case Json::Type::Number: return "a number";
    case Json::Type::String: return "a string";
    case Json::Type::Array: return "an array";
    case Json::Type::Object: return "an object";
    }
    return "?";
}

[[noreturn]] void wrongType(std::string_view what, const char* expected, Json::Type got) {
    throw SpecError(std::string(what) + ": expected " + expected + ", found " + typeName(got));
}

// Recursive-descent parser over a string_view; tracks position for error messages.
class Parser {
public:
    Parser(std::string_view text, const std::string& source) : m_text(text), m_source(source) {}

    Json parseDocument() {
        skipSpace();
        Json value = parseValue(0);
        skipSpace();
        if (m_pos != m_text.size()) fail("unexpected text after the JSON document");
        return value;
    }

private:
    static constexpr int kMaxDepth = 256;

    [[noreturn]] void fail(const std::string& message) const {
        std::int64_t line = 1;
        std::int64_t column = 1;
        for (std::size_t i = 0; i < m_pos && i < m_text.size(); ++i) {
            if (m_text[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        throw FileError(m_source, line, column, message);
    }

    void skipSpace() {
        while (m_pos < m_text.size() &&
               (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n' || m_text[m_pos] == '\r'))
            ++m_pos;
    }

    bool consume(std::string_view word) {
        if (m_text.substr(m_pos, word.size()) != word) return false;
        m_pos += word.size();
        return true;
    }

    Json parseValue(int depth) {
        if (depth > kMaxDepth) fail("JSON nested too deeply");
        if (m_pos >= m_text.size()) fail("unexpected end of JSON");
        const char c = m_text[m_pos];
        if (c == '{') return parseObject(depth);
        if (c == '[') return parseArray(depth);
        if (c == '"') return Json(parseString());
        if (consume("true")) return Json(true);
        if (consume("false")) return Json(false);
        if (consume("null")) return Json(nullptr);
        if (c == '-' || (c >= '0' && c <= '9')) return parseNumber();
        fail(std::string("unexpected character '") + c + "'");
    }

    Json parseObject(int depth) {
        ++m_pos;
        Json::Object members;
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == '}') {
            ++m_pos;
            return Json(std::move(members));
        }
        while (true) {
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != '"') fail("expected a string key");
            std::string key = parseString();
            skipSpace();
            if (!consume(":")) fail("expected ':' after key");
            skipSpace();
            for (const auto& [k, v] : members)
                if (k == key) fail("duplicate key \"" + key + "\"");
            members.emplace_back(std::move(key), parseValue(depth + 1));
            skipSpace();
            if (consume("}")) return Json(std::move(members));
            if (!consume(",")) fail("expected ',' or '}' in object");
        }
    }

    Json parseArray(int depth) {
        ++m_pos;
        Json::Array items;
        skipSpace();
        if (consume("]")) return Json(std::move(items));
        while (true) {
            skipSpace();
            items.push_back(parseValue(depth + 1));
            skipSpace();
            if (consume("]")) return Json(std::move(items));
            if (!consume(",")) fail("expected ',' or ']' in array");
        }
    }

    Json parseNumber() {
        const std::size_t start = m_pos;
        if (m_text[m_pos] == '-') ++m_pos;
        auto digits = [&] {
            const std::size_t s = m_pos;
            while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') ++m_pos;
            return m_pos - s;
        };
        if (digits() == 0) fail("malformed number");
        if (m_pos < m_text.size() && m_text[m_pos] == '.') {
            ++m_pos;
            if (digits() == 0) fail("malformed number");
        }
        if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            ++m_pos;
            if (m_pos < m_text.size() && (m_text[m_pos] == '+' || m_text[m_pos] == '-')) ++m_pos;
            if (digits() == 0) fail("malformed number");
        }
        double value = 0;
        const auto result = std::from_chars(m_text.data() + start, m_text.data() + m_pos, value);
        if (result.ec != std::errc()) {
            m_pos = start;
            fail("number out of range");
        }
        return Json(value);
    }

    unsigned parseHex4() {
        if (m_pos + 4 > m_text.size()) fail("truncated \\u escape");
        unsigned v = 0;
        for (int i = 0; i < 4; ++i) {
            const char h = m_text[m_pos++];
            v <<= 4;
            if (h >= '0' && h <= '9') v |= unsigned(h - '0');
            else if (h >= 'a' && h <= 'f') v |= unsigned(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F') v |= unsigned(h - 'A' + 10);
            else fail("bad hex digit in \\u escape");
        }
        return v;
    }

    static void appendUtf8(std::string& out, unsigned cp) {
        if (cp < 0x80) {
            out += char(cp);
        } else if (cp < 0x800) {
            out += char(0xC0 | (cp >> 6));
            out += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += char(0xE0 | (cp >> 12));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        } else {
            out += char(0xF0 | (cp >> 18));
            out += char(0x80 | ((cp >> 12) & 0x3F));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        }
    }

    std::string parseString() {
        ++m_pos; // opening quote
        std::string out;
        while (true) {
            if (m_pos >= m_text.size()) fail("unterminated string");
            const char c = m_text[m_pos++];
            if (c == '"') return out;
            if (static_cast<unsigned char>(c) < 0x20) {
                --m_pos;
                fail("control character in string");
            }
            if (static_cast<unsigned char>(c) >= 0x80) {
                // JSON text is UTF-8 (RFC 8259): a name that is not would later break every
                // export and message that carries it, so it is refused here, where it has a place.
                --m_pos;
                const std::size_t n = utf8SequenceLength(m_text.substr(m_pos));
                if (n == 0) fail("a string holds bytes that are not UTF-8 text");
                out.append(m_text.data() + m_pos, n);
                m_pos += n;
                continue;
            }
            if (c != '\\') {
                out += c;
                continue;
            }
            if (m_pos >= m_text.size()) fail("unterminated escape");
            const char e = m_text[m_pos++];
            switch (e) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                unsigned cp = parseHex4();
                if (cp >= 0xD800 && cp < 0xDC00) {
                    if (!consume("\\u")) fail("lone high surrogate");
                    const unsigned lo = parseHex4();
                    if (lo < 0xDC00 || lo > 0xDFFF) fail("bad low surrogate");
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    fail("lone low surrogate");
                }
                if (cp == 0) {
                    m_pos -= 6;
                    fail("a string holds a NUL character (\\u0000), which no LayerLab name or label can");
                }
                appendUtf8(out, cp);
                break;
            }
            default: --m_pos; fail("bad escape in string");
            }
        }
    }

    std::string_view m_text;
    const std::string& m_source;
    std::size_t m_pos = 0;
};

void dumpString(std::string& out, const std::string& s) {
    out += '"';
    for (const char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

} // namespace

bool Json::asBool(std::string_view what) const {
    if (type() != Type::Bool) wrongType(what, "true or false", type());
    return std::get<bool>(m_value);
}

double Json::asNumber(std::string_view what) const {
    if (type() != Type::Number) wrongType(what, "a number", type());
    return std::get<double>(m_value);
}

std::int64_t Json::asInt(std::string_view what, std::int64_t lo, std::int64_t hi) const {
    const double d = asNumber(what);
    if (!(d >= static_cast<double>(lo) && d <= static_cast<double>(hi)) || std::floor(d) != d)
        throw SpecError(std::string(what) + ": expected an integer from " + std::to_string(lo) + " to " +
                        std::to_string(hi));
    return static_cast<std::int64_t>(d);
}

const std::string& Json::asString(std::string_view what) const {
    if (type() != Type::String) wrongType(what, "a string", type());
    return std::get<std::string>(m_value);
}

const Json::Array& Json::asArray(std::string_view what) const {
    if (type() != Type::Array) wrongType(what, "an array", type());
    return std::get<Array>(m_value);
}

const Json::Object& Json::asObject(std::string_view what) const {
    if (type() != Type::Object) wrongType(what, "an object", type());
    return std::get<Object>(m_value);
}

const Json* Json::find(std::string_view key) const {
    for (const auto& [k, v] : asObject())
        if (k == key) return &v;
    return nullptr;
}

const Json& Json::at(std::string_view key) const {
    if (const Json* v = find(key)) return *v;
    throw SpecError("missing key \"" + std::string(key) + "\"");
}

Json& Json::set(std::string_view key, Json value) {
    if (type() != Type::Object) m_value = Object{};
    auto& members = std::get<Object>(m_value);
    for (auto& [k, v] : members) {
        if (k == key) {
            v = std::move(value);
            return v;
        }
    }
    members.emplace_back(std::string(key), std::move(value));
    return members.back().second;
}

void Json::push(Json value) {
    if (type() != Type::Array) m_value = Array{};
    std::get<Array>(m_value).push_back(std::move(value));
}

std::string Json::dump(int indent) const {
    std::string out;
    dumpTo(out, indent, 0);
    if (indent >= 0) out += '\n';
    return out;
}

void Json::dumpTo(std::string& out, int indent, int depth) const {
    const auto newline = [&](int d) {
        if (indent < 0) return;
        out += '\n';
        out.append(static_cast<std::size_t>(indent * d), ' ');
    };
    switch (type()) {
    case Type::Null: out += "null"; break;
    case Type::Bool: out += std::get<bool>(m_value) ? "true" : "false"; break;
    case Type::Number: {
        const double d = std::get<double>(m_value);
        if (!std::isfinite(d)) {
            out += "null"; // JSON has no NaN/Inf; readers treat null as "not a number".
            break;
        }
        char buf[32];
        const auto r = std::to_chars(buf, buf + sizeof buf, d);
        out.append(buf, r.ptr);
        break;
    }
    case Type::String: dumpString(out, std::get<std::string>(m_value)); break;
    case Type::Array: {
        const auto& items = std::get<Array>(m_value);
        // Arrays of plain numbers stay on one line: weights and shapes read better that way.
        bool flat = true;
        for (const auto& item : items) flat = flat && !item.isArray() && !item.isObject();
        out += '[';
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i) out += flat || indent < 0 ? (indent < 0 ? "," : ", ") : ",";
            if (!flat) newline(depth + 1);
            items[i].dumpTo(out, indent, depth + 1);
        }
        if (!flat && !items.empty()) newline(depth);
        out += ']';
        break;
    }
    case Type::Object: {
        const auto& members = std::get<Object>(m_value);
        out += '{';
        for (std::size_t i = 0; i < members.size(); ++i) {
            if (i) out += ',';
            newline(depth + 1);
            dumpString(out, members[i].first);
            out += indent < 0 ? ":" : ": ";
            members[i].second.dumpTo(out, indent, depth + 1);
        }
        if (!members.empty()) newline(depth);
        out += '}';
        break;
    }
    }
}

Json Json::parse(std::string_view text, const std::string& source) {
    // Windows editors save UTF-8 with a byte-order mark; RFC 8259 lets a parser ignore it, and the
    // CSV reader already does.
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    return Parser(text, source).parseDocument();
}

} // namespace layerlab::engine
