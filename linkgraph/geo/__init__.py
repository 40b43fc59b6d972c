"""Places and geocoding: the country and city strings of a case placed on a map, offline."""
