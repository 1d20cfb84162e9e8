// Read-only list of a network's layers with their output widths. The canvas editor (issue 4)
// replaces it as the main view; it stays useful as a compact outline.
#pragma once

#include "nn/NetworkSpec.h"

#include <QTreeWidget>

namespace layerlab::widgets {

class NetworkSummaryView : public QTreeWidget {
    Q_OBJECT
public:
    explicit NetworkSummaryView(QWidget* parent = nullptr);
    /// Shows `spec`; widths the data will decide (inputs, an "auto" output layer) read "from data".
    void setSpec(const engine::nn::NetworkSpec& spec);
};

} // namespace layerlab::widgets
