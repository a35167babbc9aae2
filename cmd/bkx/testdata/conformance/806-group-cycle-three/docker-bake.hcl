group "default" { targets = ["a"] }
group "a" { targets = ["b"] }
group "b" { targets = ["c"] }
group "c" { targets = ["a"] }
