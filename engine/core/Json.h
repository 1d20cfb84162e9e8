// A small JSON value with a strict parser and a stable writer, for network specs, project and model
// files. Objects keep insertion order so saved files diff cleanly. Parse errors carry line and column.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace layerlab::engine {

class Json {
public:
    using Array = std::vector<Json>;
    using Object = std::vector<std::pair<std::string, Json>>;
    enum class Type { Null, Bool, Number, String, Array, Object };

    Json() = default;
    Json(std::nullptr_t) {}
    Json(bool b) : m_value(b) {}
    Json(double d) : m_value(d) {}
    Json(int i) : m_value(static_cast<double>(i)) {}
    Json(std::int64_t i) : m_value(static_cast<double>(i)) {}
    Json(std::uint64_t i) : m_value(static_cast<double>(i)) {}
    Json(const char* s) : m_value(std::string(s)) {}
    Json(std::string s) : m_value(std::move(s)) {}
    Json(Array a) : m_value(std::move(a)) {}
    Json(Object o) : m_value(std::move(o)) {}

    static Json object() { return Json(Object{}); }
    static Json array() { return Json(Array{}); }

    Type type() const { return static_cast<Type>(m_value.index()); }
    bool isNull() const { return type() == Type::Null; }
    bool isNumber() const { return type() == Type::Number; }
    bool isString() const { return type() == Type::String; }
    bool isArray() const { return type() == Type::Array; }
    bool isObject() const { return type() == Type::Object; }

    // Typed access; each throws SpecError naming `what` when the type is wrong.
    bool asBool(std::string_view what = "value") const;
    double asNumber(std::string_view what = "value") const;
    /// A number that must be an integer within [lo, hi].
    std::int64_t asInt(std::string_view what, std::int64_t lo, std::int64_t hi) const;
    const std::string& asString(std::string_view what = "value") const;
    const Array& asArray(std::string_view what = "value") const;
    const Object& asObject(std::string_view what = "value") const;

    /// Object member or nullptr. Throws if this is not an object.
    const Json* find(std::string_view key) const;
    /// Object member; throws SpecError("missing key") when absent.
    const Json& at(std::string_view key) const;
    /// Sets (or replaces) an object member, keeping the original position.
    Json& set(std::string_view key, Json value);
    /// Appends to an array.
    void push(Json value);

    /// Compact (indent < 0) or pretty (indent >= 0 spaces) text.
    std::string dump(int indent = 2) const;
    /// Parses one JSON document; throws FileError(source, line, column, ...) on malformed text.
    static Json parse(std::string_view text, const std::string& source = "<json>");

    bool operator==(const Json& other) const = default;

    /// Appends the text of this value as it would appear `depth` levels deep in a document
    /// (JsonWriter writes a document's parts with it).
    void dumpTo(std::string& out, int indent, int depth) const;

private:
    std::variant<std::nullptr_t, bool, double, std::string, Array, Object> m_value;
};

} // namespace layerlab::engine
