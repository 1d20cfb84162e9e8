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
    key(name);
    value.dumpTo(m_buffer, m_indent, int(m_open.size()));
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
