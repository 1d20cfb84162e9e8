// The loaded table as a Qt model for a QTableView: cells are formatted on demand from the
// engine's typed columns, so a 210,000-row file scrolls without building anything per row.
// Holds a shared pointer to an immutable table (it may have been read on another thread).
#pragma once

#include "data/Table.h"

#include <QAbstractTableModel>

#include <memory>

namespace layerlab::widgets::panels {

class TablePreviewModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit TablePreviewModel(QObject* parent = nullptr);
    void setTable(std::shared_ptr<const engine::data::Table> table);
    const engine::data::Table* table() const { return m_table.get(); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::shared_ptr<const engine::data::Table> m_table;
};

} // namespace layerlab::widgets::panels
