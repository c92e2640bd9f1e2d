package com.fieldops.platform.problem;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problem details as DESIGN §5 shapes them: {@code type,title,status,detail,instance,errors}. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String slug, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + slug));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    public static ProblemDetail of(HttpStatus status, String slug, String detail, List<FieldMessage> errors) {
        ProblemDetail problem = of(status, slug, detail);
        if (!errors.isEmpty()) problem.setProperty("errors", errors);
        return problem;
    }
}
