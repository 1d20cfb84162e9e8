// The canvas driven as a person would, offscreen: palette clicks add layers, a drag on the canvas
// viewport reorders one (one undo step), a drop from the palette places one, Delete removes one,
// the inspector edits one; undo and redo walk back to exactly the same specs.
#include "canvas/CanvasView.h"
#include "canvas/ConnectionItem.h"
#include "canvas/GraphModel.h"
#include "canvas/LayerItem.h"
#include "canvas/LayerPalette.h"
#include "canvas/NetworkScene.h"
#include "panels/LayerInspector.h"

#include <QComboBox>
#include <QMimeData>
#include <QSpinBox>
#include <QTest>
#include <QUndoStack>

using namespace layerlab::engine;
using namespace layerlab::widgets;
using namespace layerlab::widgets::canvas;

class TestCanvasEditor : public QObject {
    Q_OBJECT
    struct Rig {
        GraphModel model;
        QUndoStack undo;
        NetworkScene scene{&model, &undo};
        CanvasView view{&scene};
        LayerPalette palette;
        panels::LayerInspector inspector{&model, &undo};
        Rig() {
            model.reset(nn::NetworkSpec::mlp(0, {8}, nn::Activation::Relu, 0));
            QObject::connect(&palette, &LayerPalette::addRequested, &scene, [this](NodeKind k) { scene.addLayer(k); });
            QObject::connect(&scene, &NetworkScene::layerSelected, &inspector, &panels::LayerInspector::showLayer);
            view.resize(1000, 600);
            view.show();
            palette.show();
            inspector.show();
            view.setTransform(QTransform());
        }
        QPoint viewportPos(int id) const {
            const LayerItem* item = scene.itemFor(id);
            return view.mapFromScene(item->mapToScene(QPointF(0, 12))); // the card's title row
        }
        QPoint portPos(int id) const {
            const LayerItem* item = scene.itemFor(id);
            return view.mapFromScene(item->mapToScene(item->outPort()));
        }
        void drag(QPoint from, QPoint to) {
            QTest::mousePress(view.viewport(), Qt::LeftButton, {}, from);
            for (int step = 1; step <= 8; ++step) QTest::mouseMove(view.viewport(), from + (to - from) * step / 8);
            QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, to);
        }
        int paletteRow(NodeKind kind) const {
            for (int row = 0; row < palette.count(); ++row)
                if (palette.item(row)->data(Qt::UserRole + 1).toInt() == int(kind)) return row;
            return -1;
        }
        void clickPalette(int row) {
            const QRect r = palette.visualRect(palette.model()->index(row, 0));
            QTest::mouseClick(palette.viewport(), Qt::LeftButton, {}, r.center());
        }
    };

private Q_SLOTS:
    void buildByClicksAndDragThenUndoRedo() {
        Rig rig;
        QVERIFY(QTest::qWaitForWindowExposed(&rig.view));
        std::vector<nn::NetworkSpec> history{rig.model.toSpec()};

        rig.clickPalette(0); // dense
        QCOMPARE(rig.model.nodes().size(), std::size_t(3));
        history.push_back(rig.model.toSpec());
        rig.clickPalette(2); // dropout, after the selected new layer
        QCOMPARE(rig.model.nodes().size(), std::size_t(4));
        QCOMPARE(rig.model.nodes()[2].kind, NodeKind::Dropout);
        history.push_back(rig.model.toSpec());

        // Drag the dropout (third column) left of the first dense layer: one move, one undo step.
        const int dropoutId = rig.model.nodes()[2].id;
        const QPoint from = rig.viewportPos(dropoutId);
        const QPoint to = rig.viewportPos(rig.model.nodes()[0].id) - QPoint(60, 0);
        QTest::mousePress(rig.view.viewport(), Qt::LeftButton, {}, from);
        for (int step = 1; step <= 8; ++step) QTest::mouseMove(rig.view.viewport(), from + (to - from) * step / 8);
        QTest::mouseRelease(rig.view.viewport(), Qt::LeftButton, {}, to);
        QTRY_COMPARE(rig.model.indexOf(dropoutId), 0);
        QCOMPARE(rig.undo.count(), 3);
        history.push_back(rig.model.toSpec());

        // Select the first dense layer by clicking it and change its units in the inspector.
        const int denseId = rig.model.nodes()[1].id;
        QTest::mouseClick(rig.view.viewport(), Qt::LeftButton, {}, rig.viewportPos(denseId));
        QCOMPARE(rig.scene.selectedLayer(), denseId);
        QCOMPARE(rig.inspector.layerId(), denseId);
        auto* units = rig.inspector.findChild<QSpinBox*>("units");
        units->setValue(24);
        units->setValue(32); // same field: merges into one step
        QCOMPARE(rig.model.node(denseId)->units, 32);
        history.push_back(rig.model.toSpec());
        auto* activation = rig.inspector.findChild<QComboBox*>("activation");
        activation->setCurrentIndex(activation->findText("tanh"));
        Q_EMIT activation->activated(activation->currentIndex());
        QCOMPARE(rig.model.node(denseId)->activation, std::optional(nn::Activation::Tanh));
        history.push_back(rig.model.toSpec());

        // Delete the selected layer with the keyboard.
        rig.view.setFocus();
        QTest::mouseClick(rig.view.viewport(), Qt::LeftButton, {}, rig.viewportPos(denseId));
        QTest::keyClick(rig.view.viewport(), Qt::Key_Delete);
        QCOMPARE(rig.model.indexOf(denseId), -1);
        history.push_back(rig.model.toSpec());
        QCOMPARE(rig.undo.count(), int(history.size()) - 1);

        for (int i = int(history.size()) - 2; i >= 0; --i) {
            rig.undo.undo();
            QCOMPARE(rig.model.toSpec(), history[std::size_t(i)]);
        }
        for (std::size_t i = 1; i < history.size(); ++i) {
            rig.undo.redo();
            QCOMPARE(rig.model.toSpec(), history[i]);
        }
    }

    void aResidualIsBuiltWithTheMouse() {
        // A skip connection drawn as a person draws it: an Add from the palette after the second
        // layer, a drag from the first layer's output port onto it, then the connection selected
        // and deleted; each one undo step, and undo walks back to the chain exactly.
        Rig rig;
        QVERIFY(QTest::qWaitForWindowExposed(&rig.view));
        const nn::NetworkSpec chain = rig.model.toSpec();
        const int d1 = rig.model.nodes()[0].id, out = rig.model.nodes()[1].id;
        QTest::mouseClick(rig.view.viewport(), Qt::LeftButton, {}, rig.viewportPos(d1));
        rig.clickPalette(rig.paletteRow(NodeKind::Dense)); // d2 after d1
        const int d2 = rig.model.nodes()[1].id;
        rig.clickPalette(rig.paletteRow(NodeKind::Add)); // after the selected d2
        const int add = rig.scene.selectedLayer();
        QCOMPARE(rig.model.node(add)->kind, NodeKind::Add);
        QCOMPARE(rig.model.node(add)->from, (std::vector<int>{d2}));
        QCOMPARE(rig.model.node(out)->from, (std::vector<int>{add}));
        QVERIFY(!rig.model.isChain());

        rig.drag(rig.portPos(d1), rig.viewportPos(add));
        QTRY_COMPARE(rig.model.node(add)->from, (std::vector<int>{d2, d1}));
        QCOMPARE(rig.undo.count(), 3);
        QVERIFY(rig.scene.connectionFor(d1, add));
        const nn::NetworkSpec residual = rig.model.toSpec();

        // A drag into the input row or back up the graph (a loop) changes nothing.
        rig.drag(rig.portPos(add), rig.viewportPos(d1));
        QTest::qWait(20);
        QCOMPARE(rig.model.toSpec(), residual);
        QCOMPARE(rig.undo.count(), 3);

        // Select the connection d2 -> add by clicking its line, and delete it.
        const LayerItem* from = rig.scene.itemFor(d2);
        const LayerItem* to = rig.scene.itemFor(add);
        const QPointF mid = (from->mapToScene(from->outPort()) + to->mapToScene(to->inPort())) / 2;
        rig.view.setFocus();
        QTest::mouseClick(rig.view.viewport(), Qt::LeftButton, {}, rig.view.mapFromScene(mid));
        QVERIFY(rig.scene.connectionFor(d2, add)->isSelected());
        QTest::keyClick(rig.view.viewport(), Qt::Key_Delete);
        QCOMPARE(rig.model.node(add)->from, (std::vector<int>{d1}));
        QCOMPARE(rig.undo.count(), 4);

        // A graph's card goes where it is dropped, in both directions: one step; Tidy another.
        const QPointF before = rig.scene.itemFor(add)->pos();
        rig.drag(rig.viewportPos(add), rig.viewportPos(add) + QPoint(30, 120));
        QTRY_VERIFY(rig.model.node(add)->placed);
        QVERIFY(rig.scene.itemFor(add)->pos().y() > before.y() + 100);
        QVERIFY(rig.scene.tidy());
        QCOMPARE(rig.scene.itemFor(add)->pos(), before);
        QVERIFY(!rig.scene.tidy()); // nothing left to tidy: refused, no step
        QCOMPARE(rig.undo.count(), 6);

        while (rig.undo.canUndo()) rig.undo.undo();
        QCOMPARE(rig.model.toSpec(), chain);
        QVERIFY(rig.model.isChain());
    }

    void wrappingSelectedLayersAddsTheSkip() {
        Rig rig;
        rig.model.reset(nn::NetworkSpec::mlp(0, {8, 8, 8}, nn::Activation::Relu, 0));
        const int d1 = rig.model.nodes()[0].id, d2 = rig.model.nodes()[1].id, d3 = rig.model.nodes()[2].id;
        const int out = rig.model.nodes()[3].id;
        QVERIFY(!rig.scene.wrapSelectionInResidual()); // nothing selected: refused
        rig.scene.itemFor(d2)->setSelected(true);
        rig.scene.itemFor(d3)->setSelected(true);
        QVERIFY(rig.scene.wrapSelectionInResidual());
        const int add = rig.scene.selectedLayer();
        QCOMPARE(rig.model.node(add)->from, (std::vector<int>{d3, d1}));
        QCOMPARE(rig.model.node(out)->from, (std::vector<int>{add}));
        QCOMPARE(rig.model.node(d2)->from, (std::vector<int>{d1}));
        // The output, or layers with two ways out, cannot be wrapped.
        rig.scene.clearSelection();
        rig.scene.itemFor(out)->setSelected(true);
        QVERIFY(!rig.scene.wrapSelectionInResidual());
        QCOMPARE(rig.undo.count(), 1);
    }

    void dropFromPalettePlacesLayer() {
        Rig rig;
        QVERIFY(QTest::qWaitForWindowExposed(&rig.view));
        // Drop a dense layer left of everything: it becomes the first layer.
        QMimeData mime;
        mime.setData(CanvasView::kLayerMime, "dense");
        const QPoint at = rig.viewportPos(rig.model.nodes()[0].id) - QPoint(80, 0);
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(rig.view.viewport(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(rig.view.viewport(), &drop);
        QCOMPARE(rig.model.nodes().size(), std::size_t(3));
        QCOMPARE(rig.model.nodes()[0].units, 16);
        QCOMPARE(rig.model.nodes()[1].units, 8);
        rig.undo.undo();
        QCOMPARE(rig.model.nodes().size(), std::size_t(2));
    }

    void outputCannotBeRemovedOrMoved() {
        Rig rig;
        const int out = rig.model.nodes().back().id;
        rig.scene.selectLayer(out);
        rig.scene.removeSelected();
        QCOMPARE(rig.model.nodes().size(), std::size_t(2));
        QVERIFY(!(rig.scene.itemFor(out)->flags() & QGraphicsItem::ItemIsMovable));
        QCOMPARE(rig.undo.count(), 0);
    }

    void zoomStaysInBounds() {
        Rig rig;
        for (int i = 0; i < 40; ++i) rig.view.zoomBy(1.25);
        QVERIFY(rig.view.zoom() <= 4.0 + 1e-9);
        for (int i = 0; i < 80; ++i) rig.view.zoomBy(0.8);
        QVERIFY(rig.view.zoom() >= 0.2 - 1e-9);
    }

    void largeLayersCollapseToAStrip() {
        Rig rig;
        LayerNode wide = NetworkScene::defaultNode(NodeKind::Dense);
        wide.units = 512;
        rig.model.insert(0, wide);
        const LayerItem* item = rig.scene.itemFor(rig.model.nodes()[0].id);
        QVERIFY(item->collapsed());
        QVERIFY(item->boundingRect().height() < 400); // not 512 circles
        QVERIFY(!rig.scene.itemFor(rig.model.nodes()[1].id)->collapsed());
    }
};

QTEST_MAIN(TestCanvasEditor)
#include "test_canvas_editor.moc"
