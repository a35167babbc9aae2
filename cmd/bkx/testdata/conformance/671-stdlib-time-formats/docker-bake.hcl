target "default" {
  args = {
    F1 = formatdate("DD MMM YYYY hh:mm ZZZ", "2018-01-02T23:12:01Z")
    F2 = formatdate("EEEE, MMMM D, YY h:mm AA", "2018-01-02T23:12:01-08:00")
    F3 = formatdate("'quoted' YYYY", "2020-06-01T00:00:00Z")
    ADD_NEG = timeadd("2024-03-01T00:00:00Z", "-24h")
    ADD_MIN = timeadd("2024-01-01T00:00:00+02:00", "90m")
    UNIX_DATE = unixtimestampparse(0).iso_year
    UNIX_WEEKDAY = unixtimestampparse(1700000000).weekday_name
  }
}
