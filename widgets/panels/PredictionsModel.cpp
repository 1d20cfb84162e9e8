#include "PredictionsModel.h"

#include <QFont>

namespace layerlab::widgets::panels {

PredictionsModel::PredictionsModel(QObject* parent) : QAbstractTableModel(parent) {}

void PredictionsModel::setPredictions(std::shared_ptr<const engine::data::Table> table,
                                      std::shared_ptr<const engine::model::PredictionTable> predictions, std::vector<std::size_t> inputs) {
    beginResetModel();
    m_table = std::move(table);
    m_predictions = std::move(predictions);
    m_inputs = std::move(inputs);
    endResetModel();
}

void PredictionsModel::clear() { setPredictions(nullptr, nullptr, {}); }

int PredictionsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_predictions ? 0 : int(m_predictions->rowCount());
}

int PredictionsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_predictions ? 0 : int(m_inputs.size() + m_predictions->columnCount());
}

QVariant PredictionsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !m_predictions) return {};
    const auto row = std::size_t(index.row());
    const auto col = std::size_t(index.column());
    const bool input = col < m_inputs.size();
    if (role == Qt::DisplayRole)
        return QString::fromStdString(input ? m_table->text(m_inputs[col], m_predictions->tableRow(row)) : m_predictions->cell(row, col - m_inputs.size()));
    if (role == Qt::FontRole && !input && col == m_inputs.size()) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::TextAlignmentRole && !input) return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant PredictionsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || !m_predictions) return {};
    if (orientation == Qt::Vertical) return m_table ? QVariant(qlonglong(m_table->rowLine(m_predictions->tableRow(std::size_t(section))))) : QVariant(section + 1);
    const auto col = std::size_t(section);
    if (col < m_inputs.size()) return QString::fromStdString(m_table->column(m_inputs[col]).name);
    return QString::fromStdString(m_predictions->header()[col - m_inputs.size()]);
}

} // namespace layerlab::widgets::panels
