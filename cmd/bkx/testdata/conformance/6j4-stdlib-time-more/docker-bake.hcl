target "default" {
  args = {
    TS = formattimestamp("YYYY-MM-DD", 1700000000)
    P = unixtimestampparse("1700000000").hour
    RFC = formatdate("YYYY-MM-DD'T'hh:mm:ssZ", timeadd("2024-12-31T23:00:00Z", "2h"))
  }
}
