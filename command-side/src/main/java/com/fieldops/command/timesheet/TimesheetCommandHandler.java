package com.fieldops.command.timesheet;

import com.fieldops.command.timesheet.TimesheetCommands.CreateTimesheet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/** Creates entries through the repository so that the caller gets the new entry back. */
@Component
public class TimesheetCommandHandler {

    private final Repository<Timesheet> repository;
    private final TimesheetPorts.Rates rates;
    private final TimesheetPorts.Calendar calendar;
    private final DailyHours daily;

    public TimesheetCommandHandler(Repository<Timesheet> repository, TimesheetPorts.Rates rates,
                                   TimesheetPorts.Calendar calendar, DailyHours daily) {
        this.repository = repository;
        this.rates = rates;
        this.calendar = calendar;
        this.daily = daily;
    }

    @CommandHandler
    public TimesheetResult handle(CreateTimesheet command) throws Exception {
        return repository.newInstance(() -> new Timesheet(command, rates, calendar, daily)).invoke(Timesheet::result);
    }
}
