#include "summary/SummaryCache.h"
#include "summary/SummaryCacheImpl.h"

namespace borrowck {

SummaryCache::SummaryCache() : P(std::make_unique<Impl>()) {}
SummaryCache::~SummaryCache() = default;

} // namespace borrowck
