#include "Column.h"

#include "core/Error.h"

#include <limits>

namespace layerlab::engine::data {

std::uint32_t Column::wideCode(std::size_t row) const {
    std::uint32_t v = 0;
    for (int b = 3; b >= 0; --b) v = v << 8 | m_codes[4 * row + std::size_t(b)];
    return v;
}

std::size_t Column::heapBytes() const {
    return m_codes.capacity() + m_numbers.capacity() * sizeof(float) + m_levelText.capacity() +
           m_levels.capacity() * sizeof(Level) + name.capacity();
}

std::uint32_t Column::addLevel(std::string_view text, float number) {
    if (m_levelText.size() + text.size() > std::numeric_limits<std::uint32_t>::max())
        throw SpecError("column \"" + name + "\" holds more than 4 GiB of distinct texts: ignore it or split the file");
    m_levelText.append(text);
    m_levels.push_back(Level{static_cast<std::uint32_t>(m_levelText.size()), number});
    return static_cast<std::uint32_t>(m_levels.size() - 1);
}

void Column::widenCodes() {
    const std::uint8_t width = m_codeWidth == 1 ? 2 : 4;
    std::vector<std::uint8_t> wide(m_rows * width);
    wide.reserve(m_codes.capacity() / m_codeWidth * width);
    for (std::size_t r = 0; r < m_rows; ++r) {
        const std::uint32_t c = code(r);
        for (std::uint8_t b = 0; b < width; ++b) wide[r * width + b] = std::uint8_t(c >> (8 * b));
    }
    m_codes = std::move(wide);
    m_codeWidth = width;
}

void Column::appendCode(std::uint32_t code) {
    if ((m_codeWidth == 1 && code > 0xFF) || (m_codeWidth == 2 && code > 0xFFFF)) widenCodes();
    for (std::uint8_t b = 0; b < m_codeWidth; ++b) m_codes.push_back(std::uint8_t(code >> (8 * b)));
    ++m_rows;
}

void Column::dropLevels() {
    std::vector<float> numbers(m_rows);
    for (std::size_t r = 0; r < m_rows; ++r) numbers[r] = number(r);
    m_numbers = std::move(numbers);
    m_codes = {};
    m_levels = {};
    m_levelText = {};
    m_codeWidth = 1;
    m_dictionary = false;
}

void Column::clearToLevels() {
    m_numbers = {};
    m_codes = {};
    m_levels = {};
    m_levelText = {};
    m_codeWidth = 1;
    m_rows = 0;
    m_dictionary = true;
}

void Column::setNumbers(std::vector<float> values) {
    clearToLevels();
    m_dictionary = false;
    m_rows = values.size();
    m_numbers = std::move(values);
}

void Column::shrink() {
    m_codes.shrink_to_fit();
    m_numbers.shrink_to_fit();
    m_levelText.shrink_to_fit();
    m_levels.shrink_to_fit();
}

} // namespace layerlab::engine::data
