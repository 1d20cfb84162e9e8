#include "StandardKeys.h"

namespace layerlab::app {

QList<QKeySequence> StandardKeys::redo(const QList<QKeySequence>& platform) {
    QList<QKeySequence> keys;
    for (const QKeySequence& k : platform)
        if (!k.isEmpty() && !keys.contains(k)) keys << k;
    for (const QKeySequence& k : {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)})
        if (!keys.contains(k)) keys << k;
    return keys;
}

} // namespace layerlab::app
