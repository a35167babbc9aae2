target "default" {
  args = {
    F1 = formatdate("DD MMM YYYY hh:mm ZZZ", "2018-01-02T23:12:01Z")
    F2 = formatdate("EEEE, DD-MMM-YY", "2024-07-04T00:00:00+02:00")
    F3 = formatdate("h:mm AA 'o''clock'", "2024-07-04T15:05:09Z")
    F4 = formatdate("YYYYMMDDhhmmss", "2000-12-31T23:59:59-05:00")
    F5 = formatdate("Z ZZZZ ZZZZZ", "2000-12-31T23:59:59-05:30")
    ADD_NEG = timeadd("2024-03-01T00:00:00Z", "-24h")
    ADD_MIX = timeadd("2024-03-01T00:00:00Z", "1h30m15s")
  }
}
