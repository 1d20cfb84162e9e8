// The view onto the NetworkScene: wheel to zoom around the cursor, drag the background to pan,
// Delete to remove the selected layer, and drops from the LayerPalette to add one.
// HiDPI: the scene is in logical pixels and the painter scales; nothing here assumes a ratio.
#pragma once

#include <QGraphicsView>

namespace layerlab::widgets::canvas {

class NetworkScene;

class CanvasView : public QGraphicsView {
    Q_OBJECT
public:
    static constexpr qreal kReadableZoom = 0.55; ///< fitAll() zooms out no further: text stays legible
    static constexpr qreal kMinZoom = 0.2;
    static constexpr const char* kLayerMime = "application/x-layerlab-layer";
    explicit CanvasView(NetworkScene* scene, QWidget* parent = nullptr);
    void zoomBy(qreal factor);
    /// The whole network in view. `readable`: zoom out no further than kReadableZoom (on opening
    /// a project); the View menu's Fit fits it whole, down to kMinZoom.
    void fitAll(bool readable = true);
    qreal zoom() const { return transform().m11(); }

protected:
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    NetworkScene* m_scene;
};

} // namespace layerlab::widgets::canvas
