SELECT 1; -- local placeholder (h25 only, never committed)
