"""The project's own region (North Jakarta) as an ``analysis.region.Region``, for tests of code
that takes the kabupaten/kota as an argument."""

from __future__ import annotations

from analysis.region import Region

NJ = Region("31.72", "Kota Administrasi Jakarta Utara", "DKI Jakarta", "3175", "kelurahan")
