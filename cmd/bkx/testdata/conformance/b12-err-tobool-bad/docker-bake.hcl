target "app" { args = { X = tobool("maybe") } }
