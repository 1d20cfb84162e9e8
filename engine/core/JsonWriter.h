// Writes one JSON document piece by piece, byte for byte as Json::dump would write the same tree,
// handing the text to a sink in chunks. Why: the model of a 100,000-column file held its
// encoders as one 58 MB tree and then one 31 MB string before a byte reached the disk (issue 18,
// defect 9); written member by member, only one encoder's tree and a chunk exist at a time.
// Containers opened here (beginObject/beginArray) hold members and items written one at a time;
// a whole subtree goes in with member()/item(). An array opened here is laid out as one that holds
// objects (an item per line), so put only objects or arrays in it.
// Not thread-safe; one writer per document.
#pragma once

#include "Json.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace layerlab::engine {

class JsonWriter {
public:
    using Sink = std::function<void(std::string_view)>;
    /// `indent` as Json::dump: < 0 compact, else spaces per level.
    JsonWriter(Sink sink, int indent);

    void beginObject();
    void beginArray();
    /// Opens an object or array as the value of member `key` of the open object.
    void beginObject(std::string_view key);
    void beginArray(std::string_view key);
    /// A whole member of the open object / item of the open array. An object value is written
    /// member by member and a long text in chunks, so neither is copied whole into the buffer.
    void member(std::string_view key, const Json& value);
    void item(const Json& value);
    /// Closes the innermost open container; closing the outermost ends the document (with the
    /// newline Json::dump ends pretty text with) and hands the rest of the text to the sink.
    void end();

private:
    struct Level {
        bool object;
        std::size_t count = 0;
    };
    void next();     // the separator and line break before a member or item
    void key(std::string_view key);
    void flushIfFull();

    Sink m_sink;
    int m_indent;
    std::vector<Level> m_open;
    std::string m_buffer;
};

} // namespace layerlab::engine
