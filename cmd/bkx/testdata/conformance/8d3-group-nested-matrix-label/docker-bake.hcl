group "all" { targets = ["imgs"] }
group "imgs" { targets = ["img"] }
target "img" {
  name = "v${n}"
  matrix = { n = [1, 2, 3] }
  args = { N = n }
}
