// The palette of layer kinds: click one to add it after the selected layer (or before the
// output), or drag it onto the canvas to place it.
#pragma once

#include "LayerNode.h"

#include <QListWidget>

namespace layerlab::widgets::canvas {

class LayerPalette : public QListWidget {
    Q_OBJECT
public:
    explicit LayerPalette(QWidget* parent = nullptr);

Q_SIGNALS:
    void addRequested(layerlab::widgets::canvas::NodeKind kind);

protected:
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QList<QListWidgetItem*>& items) const override;
};

} // namespace layerlab::widgets::canvas
