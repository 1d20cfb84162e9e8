#include "Table.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace layerlab::engine::data {
std::string_view Table::trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::string Table::formatNumber(float v) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

std::optional<std::size_t> Table::columnIndex(std::string_view name) const {
    for (std::size_t i = 0; i < m_columns.size(); ++i)
        if (m_columns[i].name == name) return i;
    return std::nullopt;
}

std::vector<std::string> Table::columnNames() const {
    std::vector<std::string> names;
    for (const auto& c : m_columns) names.push_back(c.name);
    return names;
}

std::string Table::text(std::size_t column, std::size_t row) const {
    const Column& c = m_columns[column];
    if (!c.codes.empty()) return c.levels[c.codes[row]];
    return std::isnan(c.values[row]) ? std::string() : formatNumber(c.values[row]);
}

const std::vector<std::string>& Table::missingSpellings() {
    // isMissingText relies on each spelling being at most 4 characters and starting with N, n or ?.
    static const std::vector<std::string> spellings{"", "NA", "N/A", "NaN", "nan", "null", "NULL", "?"};
    return spellings;
}

bool Table::isMissingText(std::string_view cell) {
    cell = trim(cell);
    // Called for every cell of every file: most cells are longer than any spelling or start with
    // another character, and leave here before the list is walked.
    if (cell.size() > 4 || (!cell.empty() && cell.front() != 'N' && cell.front() != 'n' && cell.front() != '?'))
        return false;
    for (const std::string& s : missingSpellings())
        if (cell == s) return true;
    return false;
}

std::optional<float> Table::parseNumber(std::string_view cell) {
    cell = trim(cell);
    if (!cell.empty() && cell.front() == '+') cell.remove_prefix(1);
    if (cell.empty()) return std::nullopt;
    const char c0 = cell.front();
    if (!(c0 == '-' || c0 == '.' || (c0 >= '0' && c0 <= '9'))) return std::nullopt; // refuses inf/nan words
    float value = 0.0f;
    const auto r = std::from_chars(cell.data(), cell.data() + cell.size(), value);
    if (r.ec == std::errc::result_out_of_range) {
        double d = 0.0; // from_chars reports underflow as out of range; keep tiny values as 0
        const auto rd = std::from_chars(cell.data(), cell.data() + cell.size(), d);
        if (rd.ec != std::errc() || rd.ptr != cell.data() + cell.size() || std::abs(d) > std::numeric_limits<float>::max())
            return std::nullopt;
        return static_cast<float>(d);
    }
    if (r.ec != std::errc() || r.ptr != cell.data() + cell.size()) return std::nullopt;
    return value;
}

void Table::setHeader(std::vector<std::string> names) {
    m_columns.clear();
    m_index.assign(names.size(), {});
    for (auto& n : names) {
        Column c;
        c.name = std::move(n);
        m_columns.push_back(std::move(c));
    }
}

void Table::addLevel(Column& c, LevelIndex& index, std::string_view cell) {
    auto it = index.find(cell); // heterogeneous lookup: no string built for a level already seen
    if (it == index.end()) {
        it = index.emplace(std::string(cell), static_cast<std::uint32_t>(c.levels.size())).first;
        c.levels.emplace_back(cell);
    }
    c.codes.push_back(it->second);
}

void Table::finish() {
    m_index.clear();
    m_index.shrink_to_fit();
}

void Table::addColumn(std::string name, std::vector<float> values) {
    Column c;
    c.name = std::move(name);
    for (const float v : values) c.missing += std::isnan(v);
    c.values = std::move(values);
    m_columns.push_back(std::move(c));
}

void Table::rebuildLevels(std::size_t column) {
    // The column had dropped its dictionary as "many numbers" and now met text: rebuild it from
    // the numbers read so far (their shortest decimal form).
    Column& c = m_columns[column];
    auto& index = m_index[column];
    index.clear();
    c.levels.clear();
    c.codes.clear();
    for (const float v : c.values) addLevel(c, index, std::isnan(v) ? std::string() : formatNumber(v));
}

void Table::appendRow(const std::vector<std::string_view>& cells, std::int64_t line) {
    const std::size_t row = m_lines.size();
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        Column& c = m_columns[i];
        const std::string_view cell = trim(cells[i]);
        const bool missing = isMissingText(cell);
        const auto number = missing ? std::nullopt : parseNumber(cell);
        if (missing) ++c.missing;
        if (!missing && !number && c.firstTextRow < 0) {
            c.firstTextRow = static_cast<std::int64_t>(row);
            if (c.codes.empty() && row > 0) rebuildLevels(i);
        }
        const bool keepLevels = !c.codes.empty() || row == 0 || !c.isNumeric();
        if (keepLevels) addLevel(c, m_index[i], missing ? std::string_view() : cell);
        c.values.push_back(number ? *number : std::numeric_limits<float>::quiet_NaN());
        if (c.isNumeric() && c.levels.size() > kNumericLevelLimit && !c.codes.empty()) {
            // A numeric column with many distinct values is not a label: stop paying for its dictionary.
            c.codes.clear();
            c.codes.shrink_to_fit();
            c.levels.clear();
            m_index[i].clear();
        }
    }
    m_lines.push_back(line);
}

} // namespace layerlab::engine::data
