// Predictions beside the rows they came from, as a Qt model for a QTableView: the model's raw
// input columns (as read from the CSV) then the predicted label and probabilities, or values.
// Cells are formatted on demand from the immutable table and predictions (both may have been
// built on another thread), so a large file costs nothing per row up front.
#pragma once

#include "data/Table.h"
#include "model/PredictionTable.h"

#include <QAbstractTableModel>

#include <memory>
#include <vector>

namespace layerlab::widgets::panels {

class PredictionsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit PredictionsModel(QObject* parent = nullptr);
    /// `inputs`: the table's columns to show first (the model's raw inputs that the file has).
    void setPredictions(std::shared_ptr<const engine::data::Table> table, std::shared_ptr<const engine::model::PredictionTable> predictions,
                        std::vector<std::size_t> inputs);
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::shared_ptr<const engine::data::Table> m_table;
    std::shared_ptr<const engine::model::PredictionTable> m_predictions;
    std::vector<std::size_t> m_inputs;
};

} // namespace layerlab::widgets::panels
