// A text that is usually empty, in one pointer (8 bytes) instead of std::string's 32. Why: a
// file of 100,000 columns holds a ColumnInfo and a ColumnEncoder per column, each with several
// rarely set texts (a boolean's spellings, why a column is ignored, a leak's reason); as
// std::strings they were 12 MB of empty strings on a 41 MB file (issue 18, defect 9).
// Reads as a const std::string& (empty when unset), so it goes wherever one is taken.
// A value type: copies copy the text. Not thread-safe beyond what a std::string is.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace layerlab::engine {

class CompactString {
public:
    CompactString() = default;
    CompactString(std::string text) { assign(std::move(text)); }
    CompactString(const char* text) { assign(std::string(text)); }
    CompactString(const CompactString& other) { if (other.m_text) m_text = std::make_unique<std::string>(*other.m_text); }
    CompactString(CompactString&&) noexcept = default;
    CompactString& operator=(const CompactString& other) {
        if (this != &other) m_text = other.m_text ? std::make_unique<std::string>(*other.m_text) : nullptr;
        return *this;
    }
    CompactString& operator=(CompactString&&) noexcept = default;
    CompactString& operator=(std::string text) { assign(std::move(text)); return *this; }
    CompactString& operator=(const char* text) { assign(std::string(text)); return *this; }

    const std::string& str() const { return m_text ? *m_text : empty_(); }
    operator const std::string&() const { return str(); }
    operator std::string_view() const { return str(); }
    bool empty() const { return !m_text; }
    std::size_t size() const { return m_text ? m_text->size() : 0; }
    const char* c_str() const { return str().c_str(); }
    std::size_t find(std::string_view what, std::size_t from = 0) const { return str().find(what, from); }
    void clear() { m_text.reset(); }
    CompactString& operator+=(std::string_view more) {
        if (more.empty()) return *this;
        if (!m_text) m_text = std::make_unique<std::string>();
        m_text->append(more);
        return *this;
    }

    friend bool operator==(const CompactString& a, std::string_view b) { return std::string_view(a.str()) == b; }
    friend bool operator==(const CompactString& a, const char* b) { return std::string_view(a.str()) == b; }
    friend bool operator==(const CompactString& a, const std::string& b) { return a.str() == b; }
    friend bool operator==(const CompactString& a, const CompactString& b) { return a.str() == b.str(); }
    friend std::string operator+(const std::string& a, const CompactString& b) { return a + b.str(); }
    friend std::string operator+(const char* a, const CompactString& b) { return a + b.str(); }
    friend std::string operator+(const CompactString& a, const std::string& b) { return a.str() + b; }
    friend std::string operator+(const CompactString& a, const char* b) { return a.str() + b; }
    friend std::ostream& operator<<(std::ostream& out, const CompactString& s) { return out << s.str(); }

private:
    void assign(std::string text) { m_text = text.empty() ? nullptr : std::make_unique<std::string>(std::move(text)); }
    static const std::string& empty_() {
        static const std::string none;
        return none;
    }
    std::unique_ptr<std::string> m_text; // null when empty: the common case costs no allocation
};

} // namespace layerlab::engine
