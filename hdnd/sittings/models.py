"""Sessions of a council (kỳ họp) and meetings of its standing committee (phiên họp Thường trực)."""
