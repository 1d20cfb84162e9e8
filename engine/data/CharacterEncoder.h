// A text column read character by character for a recurrent network: each character (a UTF-8
// code point) becomes one step, one-hot over the characters seen in training plus an "unknown"
// bucket for any other. Texts are trimmed of surrounding spaces, cut after `length` characters,
// and shorter ones are padded with all-zero steps, which the network masks (NetworkSpec::masked).
// No missing-value spellings apply: "na" and "none" are words here; an empty cell is an empty
// sequence. Fitted on the training rows, saved with the model.
#pragma once

#include "Schema.h"
#include "Table.h"
#include "core/Json.h"
#include "core/Tensor.h"

#include <span>
#include <string>
#include <vector>

namespace layerlab::engine::data {

class CharacterEncoder {
public:
    /// `length` 0 = the longest training text (at least 1, at most SequenceSpec::kMaxLength).
    static CharacterEncoder fit(const Table& table, const ColumnInfo& info, int length, std::span<const std::size_t> trainRows);

    const std::string& column() const { return m_column; }
    int length() const { return m_length; }
    /// The characters seen in training, in byte order; index alphabet().size() is "unknown".
    const std::vector<std::string>& alphabet() const { return m_alphabet; }
    int stepWidth() const { return int(m_alphabet.size()) + 1; }
    int width() const { return m_length * stepWidth(); }
    /// "word[1]=a", ..., one per input.
    std::vector<std::string> featureNames() const;
    /// The index of one character: its alphabet position, or alphabet().size() when unknown.
    std::size_t index(std::string_view character) const;

    /// Writes columns [offset, offset + width()) of `out` for `rows`.
    void encode(const Table& table, std::span<const std::size_t> rows, Matrix& out, int offset) const;
    /// The characters of a cell after trimming (a byte that is not valid UTF-8 counts as one).
    static std::vector<std::string> characters(std::string_view text);

    Json toJson() const;
    static CharacterEncoder fromJson(const Json& json);

private:
    std::string m_column;
    int m_length = 1;
    std::vector<std::string> m_alphabet;
};

} // namespace layerlab::engine::data
