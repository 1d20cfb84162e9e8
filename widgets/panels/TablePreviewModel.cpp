#include "TablePreviewModel.h"

namespace layerlab::widgets::panels {

TablePreviewModel::TablePreviewModel(QObject* parent) : QAbstractTableModel(parent) {}

void TablePreviewModel::setTable(std::shared_ptr<const engine::data::Table> table) {
    beginResetModel();
    m_table = std::move(table);
    endResetModel();
}

int TablePreviewModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_table ? 0 : static_cast<int>(m_table->rowCount());
}

int TablePreviewModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_table ? 0 : static_cast<int>(m_table->columnCount());
}

QVariant TablePreviewModel::data(const QModelIndex& index, int role) const {
    if (!m_table || !index.isValid()) return {};
    const auto col = static_cast<std::size_t>(index.column());
    const auto row = static_cast<std::size_t>(index.row());
    if (role == Qt::DisplayRole) return QString::fromStdString(m_table->text(col, row));
    if (role == Qt::TextAlignmentRole && m_table->column(col).isNumeric())
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant TablePreviewModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (!m_table || role != Qt::DisplayRole) return {};
    if (orientation == Qt::Horizontal) return QString::fromStdString(m_table->column(static_cast<std::size_t>(section)).name);
    return QString::number(m_table->rowLine(static_cast<std::size_t>(section))); // the file's line: errors cite it
}

} // namespace layerlab::widgets::panels
