#include "CharacterEncoder.h"

#include "DataSpec.h"
#include "core/Error.h"

#include <algorithm>
#include <set>

namespace layerlab::engine::data {
namespace {

// Bytes in a UTF-8 sequence from its lead byte; 1 for a stray continuation or invalid byte.
std::size_t sequenceLength(unsigned char lead) {
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
    if (lead >= 0xC2) return 2;
    return 1;
}

} // namespace

std::vector<std::string> CharacterEncoder::characters(std::string_view text) {
    text = Table::trim(text);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = sequenceLength(static_cast<unsigned char>(text[i]));
        if (i + n > text.size()) n = 1;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) n = 1; // broken sequence: one byte
        out.emplace_back(text.substr(i, n));
        i += n;
    }
    return out;
}

CharacterEncoder CharacterEncoder::fit(const Table& table, const ColumnInfo& info, int length,
                                       std::span<const std::size_t> trainRows) {
    CharacterEncoder e;
    e.m_column = info.name;
    std::set<std::string> seen;
    std::size_t longest = 1;
    for (const std::size_t r : trainRows) {
        const auto chars = characters(table.text(info.index, r));
        longest = std::max(longest, chars.size());
        seen.insert(chars.begin(), chars.end());
    }
    if (length == 0 && longest > std::size_t(SequenceSpec::kMaxLength))
        throw SpecError("column \"" + info.name + "\" has texts of " + std::to_string(longest) +
                        " characters; set a maximum sequence length (at most " + std::to_string(SequenceSpec::kMaxLength) + ")");
    e.m_length = length > 0 ? length : int(longest);
    e.m_alphabet.assign(seen.begin(), seen.end());
    return e;
}

std::size_t CharacterEncoder::index(std::string_view character) const {
    const auto it = std::lower_bound(m_alphabet.begin(), m_alphabet.end(), character);
    return it != m_alphabet.end() && *it == character ? std::size_t(it - m_alphabet.begin()) : m_alphabet.size();
}

std::vector<std::string> CharacterEncoder::featureNames() const {
    std::vector<std::string> names;
    for (int t = 0; t < m_length; ++t) {
        const std::string step = m_column + "[" + std::to_string(t + 1) + "]=";
        for (const auto& c : m_alphabet) names.push_back(step + c);
        names.push_back(step + "(unseen)");
    }
    return names;
}

void CharacterEncoder::encode(const Table& table, std::span<const std::size_t> rows, Matrix& out, int offset) const {
    const auto col = table.columnIndex(m_column);
    if (!col) throw SpecError(table.source() + ": no column named \"" + m_column + "\" (the model reads its characters)");
    const int step = stepWidth();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        auto row = out.row(Eigen::Index(i)).segment(offset, width());
        row.setZero();
        const auto chars = characters(table.text(*col, rows[i]));
        for (std::size_t t = 0; t < chars.size() && t < std::size_t(m_length); ++t)
            row(Eigen::Index(t * step + index(chars[t]))) = 1.0f;
    }
}

Json CharacterEncoder::toJson() const {
    Json j = Json::object();
    j.set("column", m_column);
    j.set("length", m_length);
    Json a = Json::array();
    for (const auto& c : m_alphabet) a.push(c);
    j.set("alphabet", std::move(a));
    return j;
}

CharacterEncoder CharacterEncoder::fromJson(const Json& j) {
    CharacterEncoder e;
    e.m_column = j.at("column").asString("preprocessing.sequence.characters.column");
    e.m_length = int(j.at("length").asInt("preprocessing.sequence.characters.length", 1, SequenceSpec::kMaxLength));
    for (const Json& c : j.at("alphabet").asArray("preprocessing.sequence.characters.alphabet"))
        e.m_alphabet.push_back(c.asString("preprocessing.sequence.characters.alphabet[]"));
    if (!std::is_sorted(e.m_alphabet.begin(), e.m_alphabet.end()) ||
        std::adjacent_find(e.m_alphabet.begin(), e.m_alphabet.end()) != e.m_alphabet.end())
        throw SpecError("preprocessing.sequence.characters.alphabet: must be sorted and without repeats");
    return e;
}

} // namespace layerlab::engine::data
