package ru.gov.tomsk.opendata.ops;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's login page; Spring Security handles the POST of its form. */
@Controller
class AdminLoginController {

    @GetMapping("/admin/login")
    String login() {
        return "admin/login";
    }
}
