// A model's predictions for every row of a table, as the CLI prints them and the GUI shows and
// saves them: the predicted label and one probability per class for classifiers, the predicted
// value(s) for regression. Numbers are written in their shortest exact form, so other runtimes
// can be compared with them to any tolerance.
#pragma once

#include "Model.h"
#include "data/Table.h"

#include <string>
#include <vector>

namespace layerlab::engine::model {

class PredictionTable {
public:
    /// Runs `model` on every row of `table` (derived columns must already be added: see
    /// Preprocessor::deriveColumns). Throws FileError at the first unreadable cell.
    static PredictionTable compute(const Model& model, const data::Table& table);

    /// "predicted", "p_<class>"... for classifiers; "predicted_<target>" per output otherwise.
    const std::vector<std::string>& header() const { return m_header; }
    std::size_t rowCount() const { return std::size_t(m_values.rows()); }
    /// The table row prediction `i` was made from (a window's last row; else row i).
    std::size_t tableRow(std::size_t i) const { return m_rows[i]; }
    std::size_t columnCount() const { return m_header.size(); }
    std::string cell(std::size_t row, std::size_t column) const;
    /// Class index of `row` (classifiers), else -1; -1 too for a row whose output is not finite.
    int predictedClass(std::size_t row) const;
    /// Predictions whose network output holds a NaN or an infinity (rows far outside what the
    /// model was trained on, or a model with huge weights): their cells are empty, never a label
    /// with NaN probabilities. Ascending prediction indices.
    const std::vector<std::size_t>& nonFiniteRows() const { return m_nonFinite; }
    /// "LINE" list of the first few non-finite rows ("line 12, line 40 and 3 more"); empty if none.
    std::string describeNonFinite(const data::Table& table, std::size_t shown = 5) const;

    /// The CSV: the header, then one line per row. With `inputs`, each line starts with that
    /// table's cells for the model's raw input columns (the rows the predictions came from).
    std::string toCsv(const data::Table* inputs = nullptr) const;

private:
    std::vector<std::string> m_header;
    std::vector<std::string> m_classes;
    std::vector<std::string> m_inputColumns;
    std::vector<int> m_predicted; // classifiers only
    Matrix m_values;              // probabilities, or values
    std::vector<std::size_t> m_rows; // per prediction, its table row
    std::vector<std::size_t> m_nonFinite;
};

} // namespace layerlab::engine::model
