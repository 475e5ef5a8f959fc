#pragma once

#include <QRandomGenerator>
#include <QStringList>

#include <initializer_list>
#include <vector>

namespace rd {

// The demo's randomness: one seeded generator, so that a seed always gives the same register.
// Every draw takes exactly one number from the generator, whatever the size of the choice, so
// that a longer list somewhere does not shift every later draw.
class DemoDice
{
public:
    explicit DemoDice(quint32 seed)
        : m_generator(seed)
    { }

    int between(int low, int high) // inclusive
    {
        return low + int(m_generator.bounded(quint32(high - low + 1)));
    }
    bool chance(int percent) { return between(1, 100) <= percent; }
    template<typename T> const T &pick(const std::vector<T> &items)
    {
        return items[size_t(between(0, int(items.size()) - 1))];
    }
    QString pick(const QStringList &items) { return items.at(between(0, int(items.size()) - 1)); }
    QString pick(std::initializer_list<const char *> items)
    {
        return QString::fromUtf8(items.begin()[between(0, int(items.size()) - 1)]);
    }
    template<typename T> void shuffle(std::vector<T> &items)
    {
        for (int i = int(items.size()) - 1; i > 0; --i)
            std::swap(items[size_t(i)], items[size_t(between(0, i))]);
    }

private:
    QRandomGenerator m_generator;
};

} // namespace rd
