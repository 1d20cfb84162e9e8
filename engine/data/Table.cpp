#include "Table.h"

#include "core/Utf8.h"

#include <algorithm>
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
    const auto it = m_byName.find(name);
    if (it == m_byName.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> Table::columnNames() const {
    std::vector<std::string> names;
    for (const auto& c : m_columns) names.push_back(c.name);
    return names;
}

std::string Table::text(std::size_t column, std::size_t row) const {
    const Column& c = m_columns[column];
    if (c.hasLevels()) return std::string(c.level(c.code(row)));
    const float v = c.number(row);
    return std::isnan(v) ? std::string() : formatNumber(v);
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
    // from_chars reads "inf", "nan", "-infinity": refuse every word, signed or not.
    const char c0 = cell.front(), c1 = cell.size() > 1 ? cell[1] : '0';
    const bool digitOrPoint = c0 == '.' || (c0 >= '0' && c0 <= '9');
    if (!digitOrPoint && !(c0 == '-' && (c1 == '.' || (c1 >= '0' && c1 <= '9')))) return std::nullopt;
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

std::string_view Table::decimalPoint(std::string_view cell, std::string& scratch) {
    const auto comma = cell.find(',');
    if (comma == std::string_view::npos || cell.find(',', comma + 1) != std::string_view::npos ||
        cell.find('.') != std::string_view::npos)
        return cell;
    scratch.assign(cell);
    scratch[comma] = '.';
    // A digit must stand on each side: ",5" and "5," are not numbers in any locale's spreadsheet.
    const bool digits = comma > 0 && comma + 1 < cell.size() && cell[comma - 1] >= '0' && cell[comma - 1] <= '9' &&
                        cell[comma + 1] >= '0' && cell[comma + 1] <= '9';
    return digits && parseNumber(scratch) ? std::string_view(scratch) : cell;
}

bool Table::isUtf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8SequenceLength(text.substr(i));
        if (n == 0) return false;
        i += n;
    }
    return true;
}

std::string Table::toUtf8(std::string_view text) {
    if (isUtf8(text)) return std::string(text);
    // Windows-1252's 0x80-0x9F; the five bytes it leaves undefined keep their Latin-1 (C1) meaning.
    static constexpr std::uint16_t kHigh[32] = {
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
    std::string out;
    out.reserve(text.size() + text.size() / 2);
    for (const char ch : text) {
        const auto b = static_cast<unsigned char>(ch);
        const std::uint32_t cp = b < 0x80 ? b : (b < 0xA0 ? kHigh[b - 0x80] : b);
        if (cp < 0x80) {
            out += char(cp);
        } else if (cp < 0x800) {
            out += char(0xC0 | (cp >> 6));
            out += char(0x80 | (cp & 0x3F));
        } else {
            out += char(0xE0 | (cp >> 12));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        }
    }
    return out;
}

void Table::setHeader(std::vector<std::string> names) {
    m_columns.clear();
    m_byName.clear();
    m_index.assign(names.size(), {});
    m_columns.reserve(names.size()); // exact: a wide file's vector doubling left 30% unused
    m_byName.reserve(names.size());
    for (auto& n : names) {
        Column c;
        c.name = toUtf8(n);
        m_byName.emplace(c.name, m_columns.size()); // the first of two equal names wins, as a search would
        m_columns.push_back(std::move(c));
    }
}

std::uint32_t Table::newLevel(Column& c, std::string_view text) {
    // The level's number is what appendRow reads from the same text (a missing cell's level is "").
    return c.addLevel(text, parseNumber(text).value_or(std::numeric_limits<float>::quiet_NaN()));
}

void Table::addLevel(Column& c, LevelIndex& index, std::string_view cell) {
    // Few levels (most label, flag and code columns): scan the levels themselves, contiguous and
    // short, and build no map. In a wide file every column's map is cold when its next cell
    // arrives: at 100,000 columns a hash find cost about 400 ns and was 65 % of reading, and the
    // maps were most of the per-column memory.
    if (index.empty() && c.levelCount() < kScanLevels) {
        for (std::size_t k = 0; k < c.levelCount(); ++k)
            if (c.level(k) == cell) {
                c.appendCode(static_cast<std::uint32_t>(k));
                return;
            }
        const bool ascii = std::none_of(cell.begin(), cell.end(), [](char ch) { return static_cast<unsigned char>(ch) >= 0x80; });
        if (ascii || isUtf8(cell)) {
            c.appendCode(newLevel(c, cell));
            return;
        }
        // A Windows-1252 spelling: the map below knows which level it joins.
    }
    if (index.empty())
        for (std::size_t k = 0; k < c.levelCount(); ++k) index.emplace(c.level(k), static_cast<std::uint32_t>(k));
    auto it = index.find(cell); // heterogeneous lookup: no string built for a level already seen
    if (it == index.end()) {
        // A new spelling. One that is not UTF-8 is read as Windows-1252 and joins the level of that
        // text if there is one: "caf\xE9" and "café" in one file are one level. Only new spellings
        // pay for the check; the index then knows both.
        std::uint32_t code = 0;
        const bool ascii = std::none_of(cell.begin(), cell.end(), [](char ch) { return static_cast<unsigned char>(ch) >= 0x80; });
        if (!ascii && !isUtf8(cell)) {
            std::string text = toUtf8(cell);
            if (const auto same = index.find(text); same != index.end()) {
                code = same->second;
            } else {
                code = newLevel(c, text);
                index.emplace(std::move(text), code);
            }
        } else {
            code = newLevel(c, cell);
        }
        it = index.emplace(std::string(cell), code).first;
    }
    c.appendCode(it->second);
}

void Table::finish() {
    m_index.clear();
    m_index.shrink_to_fit();
    for (Column& c : m_columns) c.shrink();
}

void Table::addColumn(std::string name, std::vector<float> values) {
    Column c;
    c.name = std::move(name);
    for (const float v : values) c.missing += std::isnan(v);
    c.setNumbers(std::move(values));
    m_byName.emplace(c.name, m_columns.size());
    m_columns.push_back(std::move(c));
}

void Table::rebuildLevels(std::size_t column) {
    // The column had dropped its dictionary as "many numbers" and now met text: rebuild it from
    // the numbers read so far (their shortest decimal form, which reads back as the same float).
    Column& c = m_columns[column];
    auto& index = m_index[column];
    index.clear();
    std::vector<float> numbers(c.size());
    for (std::size_t r = 0; r < numbers.size(); ++r) numbers[r] = c.number(r);
    c.clearToLevels();
    for (const float v : numbers) addLevel(c, index, std::isnan(v) ? std::string() : formatNumber(v));
}

void Table::appendRow(const std::vector<std::string_view>& cells, std::int64_t line) {
    const std::size_t row = m_lines.size();
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        Column& c = m_columns[i];
        std::string_view cell = trim(cells[i]);
        if (m_decimalComma) cell = decimalPoint(cell, m_scratch);
        const bool missing = isMissingText(cell);
        const auto number = missing ? std::nullopt : parseNumber(cell);
        if (missing) ++c.missing;
        if (!missing && !number && c.firstTextRow < 0) {
            c.firstTextRow = static_cast<std::int64_t>(row);
            if (!c.hasLevels()) rebuildLevels(i);
        }
        if (!c.hasLevels()) {
            c.appendNumber(number ? *number : std::numeric_limits<float>::quiet_NaN());
            continue;
        }
        // The level's number (parsed once, when the level is new) is this cell's number.
        addLevel(c, m_index[i], missing ? std::string_view() : cell);
        if (c.isNumeric() && c.levelCount() > kNumericLevelLimit) {
            // A numeric column with many distinct values is not a label: stop paying for its dictionary.
            c.dropLevels();
            m_index[i].clear();
        }
    }
    m_lines.push_back(line);
}

} // namespace layerlab::engine::data
