#include "JsonWriter.h"

#include "Error.h"

#include <utility>

namespace layerlab::engine {

namespace {
constexpr std::size_t kChunk = 1 << 16;
} // namespace

JsonWriter::JsonWriter(Sink sink, int indent) : m_sink(std::move(sink)), m_indent(indent) {}

void JsonWriter::next() {
    if (m_open.empty()) return; // the document's root value
    Level& level = m_open.back();
    if (level.count++) m_buffer += ',';
    if (m_indent >= 0) {
        m_buffer += '\n';
        m_buffer.append(std::size_t(m_indent) * m_open.size(), ' ');
    }
}

void JsonWriter::key(std::string_view key) {
    if (m_open.empty() || !m_open.back().object) throw SpecError("JsonWriter: a member outside an object");
    next();
    Json(std::string(key)).dumpTo(m_buffer, m_indent, 0);
    m_buffer += m_indent < 0 ? ":" : ": ";
}

void JsonWriter::beginObject() {
    if (!m_open.empty() && m_open.back().object) throw SpecError("JsonWriter: an object member needs a key");
    next();
    m_buffer += '{';
    m_open.push_back({true});
}

void JsonWriter::beginArray() {
    if (!m_open.empty() && m_open.back().object) throw SpecError("JsonWriter: an object member needs a key");
    next();
    m_buffer += '[';
    m_open.push_back({false});
}

void JsonWriter::beginObject(std::string_view name) {
    key(name);
    m_buffer += '{';
    m_open.push_back({true});
}

void JsonWriter::beginArray(std::string_view name) {
    key(name);
    m_buffer += '[';
    m_open.push_back({false});
}

void JsonWriter::member(std::string_view name, const Json& value) {
    if (value.isObject()) { // member by member, so a long text inside goes out in chunks too
        beginObject(name);
        for (const auto& [k, v] : value.asObject()) member(k, v);
        end();
        return;
    }
    key(name);
    if (value.isString() && value.asString().size() > kChunk) {
        // A long text (a model's base64 weights) goes out a chunk at a time: escaped whole into
        // the buffer it grew it by doubling to twice its size.
        const std::string& text = value.asString();
        m_buffer += '"';
        for (std::size_t at = 0; at < text.size(); at += kChunk) {
            std::string piece;
            Json(text.substr(at, kChunk)).dumpTo(piece, m_indent, 0);
            m_buffer.append(piece, 1, piece.size() - 2); // without its quotes
            flushIfFull();
        }
        m_buffer += '"';
    } else {
        value.dumpTo(m_buffer, m_indent, int(m_open.size()));
    }
    flushIfFull();
}

void JsonWriter::item(const Json& value) {
    if (m_open.empty() || m_open.back().object) throw SpecError("JsonWriter: an item outside an array");
    if (!value.isObject() && !value.isArray()) throw SpecError("JsonWriter: a streamed array holds objects or arrays");
    next();
    value.dumpTo(m_buffer, m_indent, int(m_open.size()));
    flushIfFull();
}

void JsonWriter::end() {
    if (m_open.empty()) throw SpecError("JsonWriter: nothing to close");
    const Level level = m_open.back();
    m_open.pop_back();
    if (level.count && m_indent >= 0) {
        m_buffer += '\n';
        m_buffer.append(std::size_t(m_indent) * m_open.size(), ' ');
    }
    m_buffer += level.object ? '}' : ']';
    if (m_open.empty()) {
        if (m_indent >= 0) m_buffer += '\n';
        m_sink(m_buffer);
        m_buffer.clear();
    } else {
        flushIfFull();
    }
}

void JsonWriter::flushIfFull() {
    if (m_buffer.size() < kChunk) return;
    m_sink(m_buffer);
    m_buffer.clear();
}

} // namespace layerlab::engine
